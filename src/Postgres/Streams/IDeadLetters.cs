namespace OrleansSync.Postgres.Streams;

/// <summary>Operator access to dead letters: list, inspect, replay (delivered again from attempt 1) and discard.</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken = default);

    Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Returns false if no dead letter has that id.</summary>
    Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Replays every dead letter of a namespace; returns how many.</summary>
    Task<int> ReplayAllAsync(string streamNamespace, CancellationToken cancellationToken = default);

    /// <summary>Returns false if no dead letter has that id.</summary>
    Task<bool> DiscardAsync(long id, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
