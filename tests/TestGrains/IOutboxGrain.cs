namespace OrleansSync.Runtime.Tests.TestGrains;

public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>Publishes an event in a unit of work that commits, or rolls back when <paramref name="commit"/> is false.</summary>
    Task PublishAsync(string messageId, int sequence, bool commit);
}
