namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>A test entity: a ledger of entries per key, written through the unit of work.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain (it reads its fence version) and returns the silo it lives on.</summary>
    Task<string> PingAsync();

    /// <summary>The id of the activation that answers: a new one after the grain deactivated.</summary>
    Task<string> ActivationAsync();

    /// <summary>Adds an entry in a unit of work; an entry id already added is ignored (idempotent command).</summary>
    Task AddAsync(string entryId, int amount);
}
