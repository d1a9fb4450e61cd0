using Microsoft.Extensions.Logging.Abstractions;


namespace OrleansSync.Dashboard.Tests;

/// <summary>
/// The sampler and the views on synthetic snapshots, with a clock the test moves: rates, percentiles,
/// stale and dead silos, history length, sums over silos, and cursors.
/// </summary>
public sealed class DashboardSamplerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly FakeStatistics _statistics = new();

    [Fact]
    public async Task Rates_and_recent_percentiles_come_from_the_difference_of_a_silos_consecutive_snapshots()
    {
        var sampler = Sampler();
        var silo = Guid.NewGuid();
        _statistics.Silos = [View(silo, Snapshot(Start, calls: 100, errors: 0, fast: 100, slow: 0, delivered: 10))];
        var first = await sampler.SampleAsync(default);
        first.History[^1].CallsPerSecond.Should().Be(0, "a silo's first snapshot is only a baseline: its counters cover its whole life");

        // Two seconds later: 200 more calls (190 fast, 10 slow), 10 of them failed, 50 more events.
        _clock.Advance(TimeSpan.FromSeconds(2));
        _statistics.Silos = [View(silo, Snapshot(Start.AddSeconds(2), calls: 300, errors: 10, fast: 290, slow: 10, delivered: 60))];
        var second = await sampler.SampleAsync(default);

        var point = second.History[^1];
        point.CallsPerSecond.Should().Be(100);
        point.ErrorsPerSecond.Should().Be(5);
        point.ErrorRate.Should().Be(0.05);
        point.EventsPerSecond.Should().Be(25);
        point.P50Ms.Should().Be(1, "half of the interval's calls took at most 1 ms");
        point.P99Ms.Should().Be(100, "the slowest 5 % of the interval's calls took up to 100 ms");

        var overview = DashboardViews.Overview(second, sampler.Options, []);
        overview.Totals.Calls.Should().Be(300, "counters are cumulative");
        overview.Totals.CallsPerSecond.Should().Be(100);
        overview.Silos.Single().CallsPerSecond.Should().Be(100);
    }

    [Fact]
    public async Task A_silo_that_stops_writing_snapshots_is_stale_and_leaves_the_cluster_rates_but_keeps_its_counters()
    {
        var sampler = Sampler();
        var silo = Guid.NewGuid();
        _statistics.Silos = [View(silo, Snapshot(Start, calls: 0, errors: 0, fast: 0, slow: 0, delivered: 0))];
        await sampler.SampleAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _statistics.Silos = [View(silo, Snapshot(Start.AddSeconds(2), calls: 200, errors: 0, fast: 200, slow: 0, delivered: 0))];
        (await sampler.SampleAsync(default)).History[^1].CallsPerSecond.Should().Be(100);

        // Same snapshot a little later: the rate carries on until the silo goes quiet for StaleAfter.
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await sampler.SampleAsync(default)).History[^1].CallsPerSecond.Should().Be(100);

        _clock.Advance(TimeSpan.FromSeconds(20));
        var state = await sampler.SampleAsync(default);
        state.Silos.Single().Health.Should().Be(DashboardSampler.HealthStale);
        state.History[^1].CallsPerSecond.Should().Be(0);
        DashboardViews.Overview(state, sampler.Options, []).Totals.Calls.Should().Be(200);
    }

    [Fact]
    public async Task A_dead_silo_counts_nowhere_and_a_new_silo_with_a_past_does_not_spike_the_rate()
    {
        var sampler = Sampler();
        var dead = Guid.NewGuid();
        var joining = Guid.NewGuid();
        _statistics.Silos = [View(dead, Snapshot(Start, 500, 5, 500, 0, 0)) with { Status = DashboardSampler.StatusDead }];
        var state = await sampler.SampleAsync(default);
        state.Silos.Single().Health.Should().Be(DashboardSampler.StatusDead);
        DashboardViews.Overview(state, sampler.Options, []).Totals.Should().Match<ClusterTotals>(t => t.Calls == 0 && t.Silos == 0 && t.Activations == 0);

        // A silo first seen with a million calls behind it: a baseline, not a million calls per second.
        _clock.Advance(TimeSpan.FromSeconds(2));
        _statistics.Silos = [.. _statistics.Silos, View(joining, Snapshot(Start.AddSeconds(2), 1_000_000, 0, 1_000_000, 0, 0))];
        state = await sampler.SampleAsync(default);
        state.History[^1].CallsPerSecond.Should().Be(0);
        DashboardViews.Overview(state, sampler.Options, []).Totals.Calls.Should().Be(1_000_000);
    }

    [Fact]
    public async Task The_history_keeps_only_the_configured_window()
    {
        var sampler = Sampler(new DashboardOptions { SampleInterval = TimeSpan.FromSeconds(1), History = TimeSpan.FromSeconds(10) });
        _statistics.Silos = [View(Guid.NewGuid(), Snapshot(Start, 0, 0, 0, 0, 0))];
        DashboardState state = null!;
        for (var i = 0; i < 25; i++)
        {
            state = await sampler.SampleAsync(default);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        state.History.Should().HaveCount(10);
        state.History[0].At.Should().Be(Start.AddSeconds(15));
        state.SiloHistory.Values.Single().Should().HaveCount(10);
    }

    [Fact]
    public async Task The_grains_view_sums_types_and_methods_over_silos_however_many_grains_are_active()
    {
        var sampler = Sampler();
        var silos = new[] { Guid.NewGuid(), Guid.NewGuid() };

        // 100,000 activations are one number per type in a snapshot: the view's work does not grow with them.
        _statistics.Silos = [.. silos.Select(id => View(id, Snapshot(Start, 40, 2, 40, 0, 0, activations: 50_000)))];
        var state = await sampler.SampleAsync(default);

        var grains = DashboardViews.Grains(state);
        var type = grains.Types.Single();
        type.GrainType.Should().Be("test.grain");
        type.Activations.Should().Be(100_000);
        type.Calls.Should().Be(80);
        type.Errors.Should().Be(4);
        type.Methods.Single().Method.Should().Be("PingAsync");
        type.Methods.Single().P50Ms.Should().Be(1);
        DashboardViews.Overview(state, sampler.Options, []).Totals.Activations.Should().Be(100_000);
    }

    [Fact]
    public void A_reminder_cursor_round_trips_and_anything_else_is_refused()
    {
        var reminder = new ReminderView("domain.grain", "key/with:odd chars", "resync", 3, TimeSpan.FromMinutes(5), Start.AddMinutes(1), false);
        ReminderCursor.TryDecode(ReminderCursor.Encode(reminder), out var after).Should().BeTrue();
        after!.Should().Match<ReminderView>(r => r.GrainType == reminder.GrainType && r.GrainKey == reminder.GrainKey && r.Name == reminder.Name && r.DueAt == reminder.DueAt);

        ReminderCursor.TryDecode("not-a-cursor", out _).Should().BeFalse();
        ReminderCursor.TryDecode(Convert.ToBase64String(Encoding.UTF8.GetBytes("[1,2]")), out _).Should().BeFalse();
    }

    private DashboardSampler Sampler(DashboardOptions? options = null) =>
        new(_statistics, options ?? new DashboardOptions(), _clock, NullLogger.Instance);

    private SiloView View(Guid id, SiloStatistics statistics) =>
        new(id, "http://127.0.0.1:5080", "test-host", Start.AddMinutes(-1), _clock.GetUtcNow(), "active", 8, statistics.At, statistics);

    private static SiloStatistics Snapshot(DateTimeOffset at, long calls, long errors, long fast, long slow, long delivered, long activations = 1)
    {
        var buckets = new long[LatencyHistogram.UpperBoundsMs.Count];
        buckets[LatencyHistogram.BucketOf(1)] = fast;
        buckets[LatencyHistogram.BucketOf(100)] = slow;
        return new SiloStatistics(
            at,
            new Dictionary<string, long> { ["test.grain"] = activations },
            [new MethodStatistics("test.grain", "PingAsync", calls, errors, calls * 1.5, buckets)],
            12.5,
            100_000_000,
            50_000_000,
            8,
            new Dictionary<int, double> { [0] = 0.5 },
            delivered,
            0,
            0,
            0,
            0);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class FakeStatistics : IClusterStatistics
    {
        public IReadOnlyList<SiloView> Silos { get; set; } = [];

        public Task<IReadOnlyList<SiloView>> SilosAsync(CancellationToken cancellationToken = default) => Task.FromResult(Silos);

        public Task<(IReadOnlyList<ReminderView> Page, long Total)> RemindersAsync(ReminderView? after, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<(IReadOnlyList<ReminderView>, long)>(([], 0));

        public Task<IReadOnlyList<PartitionStreamView>> StreamsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PartitionStreamView>>([]);
    }
}
