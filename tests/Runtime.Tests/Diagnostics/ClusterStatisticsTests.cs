using OrleansSync.Runtime.Diagnostics;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Diagnostics;

public sealed class ClusterStatisticsTests : SiloTestBase
{
    private IClusterStatistics Statistics => Silo.Runtime.ClusterStatistics;

    [Fact]
    public async Task A_silo_publishes_its_calls_activations_and_partitions_for_the_cluster_to_read()
    {
        for (var i = 0; i < 5; i++)
        {
            await Grains.GetGrain<ICounterGrain>($"stats{i}").IncrementAsync(0);
        }

        await FluentActions.Awaiting(() => Grains.GetGrain<ICounterGrain>("stats0").FailAsync("counted")).Should().ThrowAsync<InvalidOperationException>();

        SiloView? silo = null;
        await Eventually.TrueAsync(async () =>
        {
            silo = (await Statistics.SilosAsync()).SingleOrDefault();
            return silo?.Statistics?.Methods.Any(m => m.Method == "FailAsync") == true;
        }, TimeSpan.FromSeconds(10), "the silo writes a snapshot every few seconds");

        silo!.Partitions.Should().Be(8);
        silo.Status.Should().Be("active");
        silo.Statistics!.ActivationsByType[nameof(CounterGrain)].Should().Be(5);
        var increments = silo.Statistics.Methods.Single(m => m.GrainType == nameof(CounterGrain) && m.Method == "IncrementAsync");
        increments.Calls.Should().Be(5);
        increments.LatencyBuckets.Sum().Should().Be(5);
        silo.Statistics.Methods.Single(m => m.Method == "FailAsync").Errors.Should().Be(1);
    }

    [Fact]
    public async Task Reminders_are_listed_in_due_order_a_page_at_a_time()
    {
        for (var i = 0; i < 5; i++)
        {
            await Grains.GetGrain<IAlarmGrain>($"page{i}").SetAsync(TimeSpan.FromHours(1 + i), TimeSpan.FromHours(24));
        }

        var (first, total) = await Statistics.RemindersAsync(null, 2);
        var (second, _) = await Statistics.RemindersAsync(first[^1], 2);
        var (third, _) = await Statistics.RemindersAsync(second[^1], 2);

        total.Should().Be(5);
        first.Concat(second).Concat(third).Select(r => r.GrainKey).Should().Equal("page0", "page1", "page2", "page3", "page4");
        first.Should().OnlyContain(r => !r.Overdue);
    }

    [Fact]
    public async Task Stream_backlog_and_throughput_are_reported_per_partition()
    {
        await Silo.Runtime.StreamProducer.AppendAsync(RecorderGrain.Namespace, "flow", "flow-1", JsonSerializer.Serialize(new TestMessage(1), RuntimeJson.Options));

        await Eventually.TrueAsync(async () => (await Statistics.StreamsAsync()).Sum(p => p.ProcessedLastMinute) == 1, TimeSpan.FromSeconds(10), "the processed message shows in the last minute's throughput");
        (await Statistics.StreamsAsync()).Sum(p => p.Pending).Should().Be(0);
    }
}
