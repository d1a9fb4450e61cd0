using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Consecutive messages of one stream key from one read of a queue, delivered to each consumer as
/// one batch (so a grain can apply a key's backlog in one unit of work). The token orders
/// containers within the reading agent's cache; the messages carry their own row ids.
/// </summary>
[GenerateSerializer]
public sealed class PostgresBatchContainer : IBatchContainer
{
    public PostgresBatchContainer(StreamId streamId, EventSequenceTokenV2 token, IReadOnlyList<StreamEvent> events)
    {
        StreamId = streamId;
        Token = token;
        Events = events;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public EventSequenceTokenV2 Token { get; }

    [Id(2)]
    public IReadOnlyList<StreamEvent> Events { get; }

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.Select((message, index) => Tuple.Create(message is T typed ? typed : throw new InvalidCastException(
            $"Stream {StreamId} carries {nameof(StreamEvent)} messages; subscribe with {nameof(StreamEvent)}, not {typeof(T).Name}."),
            (StreamSequenceToken)Token.CreateSequenceTokenForEvent(index)));

    public bool ImportRequestContext() => false;

    public override string ToString() => $"{StreamId} #{Token.SequenceNumber} ({Events.Count} messages)";
}
