using OrleansSync.Grains.Tests.Incentives.Support;
using Xunit.Abstractions;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>
/// Staff record reviews on both sides for the same prisoner at the same time, in random orders and
/// overlaps: once everything has been delivered, DPS and NOMIS hold the same reviews and agree on the
/// current level.
/// </summary>
public sealed class ConvergenceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Runs = 30;
    private const int ChangesPerRun = 8;
    private static readonly string[] Levels = ["BAS", "STD", "ENH", "EN2", "EN3"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(ConvergenceTests));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Interleaved_changes_on_both_sides_converge_on_the_same_current_level()
    {
        // Every run is its own prisoner, so runs overlap in time as well as within themselves.
        var runs = Enumerable.Range(1, Runs).Select(seed => RunAsync(seed)).ToList();
        await Task.WhenAll(runs);

        foreach (var run in runs.Select(r => r.Result))
        {
            run.NomisLevel.Should().NotBeNull($"run {run.Seed} ({run.Prisoner}) recorded reviews");
            run.DpsLevel.Should().Be(run.NomisLevel, $"run {run.Seed} ({run.Prisoner}: {run.Script}) must end with one current level on both sides");
        }

        output.WriteLine(string.Join(Environment.NewLine, runs.Select(r => $"{r.Result.Seed}: {r.Result.Script} -> {r.Result.NomisLevel}")));
    }

    private async Task<RunResult> RunAsync(int seed)
    {
        var random = new Random(seed);
        var prisoner = $"C{seed:D4}CV";
        _host.SeedPrisoner(prisoner, 700_000 + seed);
        var script = new List<string>();

        // Two staff members at once: one on the DPS screen, one on the NOMIS screen, each recording at its own pace.
        var changes = Enumerable.Range(0, ChangesPerRun).Select(_ => (Dps: random.Next(2) == 0, Level: Levels[random.Next(Levels.Length)])).ToList();
        var dps = changes.Where(c => c.Dps).Select(c => c.Level).ToList();
        var nomis = changes.Where(c => !c.Dps).Select(c => c.Level).ToList();
        script.Add($"DPS[{string.Join(',', dps)}] NOMIS[{string.Join(',', nomis)}]");
        var concurrent = random.Next(3) > 0;
        if (concurrent)
        {
            await Task.WhenAll(
                Task.Run(async () =>
                {
                    foreach (var level in dps)
                    {
                        (await _host.CreateDpsReviewAsync(prisoner, level)).Review.Should().NotBeNull();
                    }
                }),
                Task.Run(async () =>
                {
                    foreach (var level in nomis)
                    {
                        await _host.RecordNomisIepAsync(prisoner, level);
                    }
                }));
        }
        else
        {
            foreach (var (isDps, level) in changes)
            {
                if (isDps)
                {
                    (await _host.CreateDpsReviewAsync(prisoner, level)).Review.Should().NotBeNull();
                }
                else
                {
                    await _host.RecordNomisIepAsync(prisoner, level);
                }
            }
        }

        // Quiescent: every NOMIS event delivered, every change on both sides, and every review mapped. The
        // last sync step of a review commits its mapping, so nothing is left to run.
        await Eventually.TrueAsync(async () =>
        {
            var reviews = (await _host.SyncStatusAsync(prisoner)).Reviews;
            return _host.NomisEventsDelivered(prisoner)
                && reviews.Count == ChangesPerRun
                && reviews.All(r => r.Mapping is not null)
                && _host.NomisIeps(prisoner).Count == ChangesPerRun;
        }, Deadline, $"run {seed} ({prisoner}) to settle");

        var current = (await _host.SyncStatusAsync(prisoner)).Reviews.Where(r => r.Current).ToList();
        current.Should().ContainSingle($"run {seed} ({prisoner}) has one current review");
        return new RunResult(seed, prisoner, string.Join(' ', script) + (concurrent ? " concurrently" : " in turn"),
            NomisCurrentLevel(prisoner), current[0].IepCode);
    }

    private string? NomisCurrentLevel(string prisoner) =>
        _host.Nomis.Store.GetPrisoner(prisoner).Bookings.Single(b => b.Latest).Incentives.SingleOrDefault(i => i.CurrentIep)?.IepLevel.Code;

    private sealed record RunResult(int Seed, string Prisoner, string Script, string? NomisLevel, string? DpsLevel);
}
