using Orleans.Configuration;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Which queue a stream's messages go to: Orleans' hash ring over the stream id, the same mapping
/// the pulling agents and the queue balancer use, so a row appended by SQL (the gateway, a grain's
/// outbox) is read by the agent of the queue Orleans assigns the stream to.
/// </summary>
public sealed class StreamQueueMap
{
    private readonly HashRingBasedStreamQueueMapper _mapper;

    public StreamQueueMap(string providerName, int queueCount)
    {
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = queueCount }, providerName);
    }

    public IStreamQueueMapper Mapper => _mapper;

    public int QueueOf(string streamNamespace, string key) => (int)_mapper.GetQueueForStream(StreamId.Create(streamNamespace, key)).GetNumericId();
}
