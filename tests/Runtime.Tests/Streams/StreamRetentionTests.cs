using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Streams;

public sealed class StreamRetentionTests : SiloTestBase
{
    protected override void Configure(RuntimeOptions options)
    {
        options.StreamRetention = TimeSpan.FromSeconds(1);
        options.StreamMaxAttempts = 1;
    }

    [Fact]
    public async Task Processed_messages_are_deleted_after_the_retention_period_and_dead_letters_are_kept()
    {
        await Silo.Runtime.StreamProducer.AppendAsync(RecorderGrain.Namespace, "kept", "poison-kept", JsonSerializer.Serialize(new TestMessage(1, Poison: true), RuntimeJson.Options));
        await Silo.Runtime.StreamProducer.AppendAsync(RecorderGrain.Namespace, "gone", "processed-gone", JsonSerializer.Serialize(new TestMessage(1), RuntimeJson.Options));
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from test_received where message_id = 'processed-gone'") == 1, TimeSpan.FromSeconds(10), "delivered");

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from rt_stream_message where message_id = 'processed-gone'") == 0, TimeSpan.FromSeconds(15), "the processed row is deleted once past retention");

        (await ScalarAsync("select count(*) from rt_stream_message where message_id = 'poison-kept' and state = 'dead'")).Should().Be(1, "dead letters wait for an operator whatever their age");
    }
}
