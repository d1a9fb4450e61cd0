using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Tests.Incentives.Support;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Grains.Tests.Incentives;

/// <summary>
/// NOMIS failures are retried, then dead-lettered and replayable; a mapping write that fails is retried
/// without writing to NOMIS again; a conflicting mapping is reported and not retried.
/// </summary>
public sealed class SyncFailureTests : IAsyncLifetime
{
    // What a flow may take on a loaded 2-core machine (CI); a passing wait returns as soon as it holds.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private IncentivesHost _host = null!;

    public async Task InitializeAsync() => _host = await IncentivesHost.StartAsync(nameof(SyncFailureTests), new Dictionary<string, string?>
    {
        // Every NOMIS failure reaches the stream, whose retries (3 attempts here) are what is under test.
        ["Incentives:Nomis:RetryAttempts"] = "0",
        ["Incentives:MappingLockTimeout"] = "00:00:00.200",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NOMIS_failures_are_retried_then_dead_lettered_and_replayable()
    {
        _host.SeedPrisoner("A3001SF", 301);
        await _host.CreateDpsReviewAsync("A3001SF", "STD");
        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A3001SF")).Reviews.All(r => r.Mapping is not null), Deadline, "the first review to reach NOMIS");
        var failedBefore = _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "failed");

        _host.SetNomisFaults(new FaultSettings { FailureRate = 1.0 });
        try
        {
            // DPS keeps working while NOMIS is down: the review goes on the latest booking DPS knows.
            var second = await _host.CreateDpsReviewAsync("A3001SF", "ENH");
            second.Status.Should().Be(CreateReviewStatus.Created);

            await Eventually.TrueAsync(async () => (await DeadLettersAsync(IncentiveStreams.IncentivesDomainEvents, "A3001SF")).Count == 1, Deadline, "the push to become a dead letter after its attempts");
            var deadLetter = (await DeadLettersAsync(IncentiveStreams.IncentivesDomainEvents, "A3001SF")).Single();
            deadLetter.Attempts.Should().Be(3);
            deadLetter.LastError.Should().Contain("503");
            _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "failed").Should().BeGreaterThanOrEqualTo(failedBefore + 3);
            _host.NomisIeps("A3001SF").Should().ContainSingle("nothing reached NOMIS while it failed");

            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
            (await _host.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();

            await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A3001SF")).Reviews.All(r => r.Mapping is not null), Deadline, "the replayed push to reach NOMIS");
            var ieps = _host.NomisIeps("A3001SF");
            ieps.Select(i => i.IepLevel.Code).Should().BeEquivalentTo(["STD", "ENH"], "the review reached NOMIS exactly once");
            var mapping = (await _host.SyncStatusAsync("A3001SF")).Reviews.Single(r => r.IncentiveId == second.Review!.Id).Mapping!;
            ieps.Should().ContainSingle(i => i.BookingId == mapping.NomisBookingId && i.IncentiveSequence == mapping.NomisIncentiveSequence && i.IepLevel.Code == "ENH");
        }
        finally
        {
            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
        }
    }

    [Fact]
    public async Task A_NOMIS_event_whose_IEP_cannot_be_read_is_retried_then_dead_lettered_and_replayable()
    {
        _host.SeedPrisoner("A3004SF", 304);
        _host.SetNomisFaults(new FaultSettings { FailureRate = 1.0 });
        try
        {
            // The IEP screen and the event reach the hub; reading the IEP back from NOMIS fails.
            await _host.RecordNomisIepAsync("A3004SF", "EN3");

            await Eventually.TrueAsync(async () => (await DeadLettersAsync(IncentiveStreams.OffenderEvents, "A3004SF")).Count == 1, Deadline, "the event to become a dead letter after its attempts");
            var deadLetter = (await DeadLettersAsync(IncentiveStreams.OffenderEvents, "A3004SF")).Single();
            deadLetter.Attempts.Should().Be(3);
            (await _host.SyncStatusAsync("A3004SF")).Reviews.Should().BeEmpty();

            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
            (await _host.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();

            await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A3004SF")).Reviews.Count == 1, Deadline, "the replayed event to reach DPS");
            var review = (await _host.SyncStatusAsync("A3004SF")).Reviews.Single();
            (review.IepCode, review.Current, review.Mapping!.MappingType).Should().Be(("EN3", true, IncentiveMapping.NomisCreated));
        }
        finally
        {
            _host.SetNomisFaults(new FaultSettings { FailureRate = 0 });
        }
    }

    [Fact]
    public async Task A_failed_mapping_write_is_retried_without_writing_to_NOMIS_again()
    {
        _host.SeedPrisoner("A3002SF", 302);

        // Hold a lock that refuses mapping writes (reads go on), as a database under a long migration would.
        await using var blocker = new NpgsqlConnection(_host.Database.ConnectionString);
        await blocker.OpenAsync();
        var transaction = await blocker.BeginTransactionAsync();
        await using (var lockMappings = new NpgsqlCommand("lock table incentive_mapping in share mode", blocker, transaction))
        {
            await lockMappings.ExecuteNonQueryAsync();
        }

        var review = (await _host.CreateDpsReviewAsync("A3002SF", "EN2")).Review!;

        // A timeout says where the flow stopped: the review's sync state and what the sync counted.
        await Eventually.TrueAsync(
            async () => (await DeadLettersAsync(IncentiveStreams.IncentivesSync, "A3002SF")).Count == 1,
            Deadline,
            "the mapping retries to be used up",
            async () =>
                $"reviews {string.Join(", ", (await _host.SyncStatusAsync("A3002SF")).Reviews.Select(r => $"{r.IncentiveId}:{r.ToNomisStatus ?? "none"}"))}; "
                + $"NOMIS IEPs {_host.NomisIeps("A3002SF").Count}; mapping-retry syncs {_host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "mapping-retry")}");

        var pending = (await _host.SyncStatusAsync("A3002SF")).Reviews.Single();
        pending.ToNomisStatus.Should().Be("MAPPING_PENDING");
        pending.Mapping.Should().BeNull();
        _host.NomisIeps("A3002SF").Should().ContainSingle("the NOMIS write is recorded and never repeated");
        _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "mapping-retry").Should().BeGreaterThanOrEqualTo(1);

        await transaction.RollbackAsync();
        var deadLetter = (await DeadLettersAsync(IncentiveStreams.IncentivesSync, "A3002SF")).Single();
        (await _host.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();

        await Eventually.TrueAsync(async () => (await _host.SyncStatusAsync("A3002SF")).Reviews.Single().Mapping is not null, Deadline, "the replayed mapping write to succeed");
        var mapped = (await _host.SyncStatusAsync("A3002SF")).Reviews.Single();
        mapped.ToNomisStatus.Should().Be("MAPPED");
        mapped.IncentiveId.Should().Be(review.Id);
        var iep = _host.NomisIeps("A3002SF").Should().ContainSingle().Subject;
        (mapped.Mapping!.NomisBookingId, mapped.Mapping.NomisIncentiveSequence).Should().Be((iep.BookingId, iep.IncentiveSequence));
        // The grain counts the success once its commit is done, so the count can follow the mapping the test sees.
        await Eventually.TrueAsync(() => Task.FromResult(_host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "mapping-retry-success") >= 1), Deadline,
            "the replayed mapping write to be counted a mapping-retry success");
    }

    [Fact]
    public async Task A_conflicting_mapping_is_reported_and_not_retried()
    {
        _host.SeedPrisoner("A3003SF", 303);

        // NOMIS will give the next IEP of booking 303 sequence 1; another review is (wrongly) mapped to it already.
        var squatter = await _host.ScalarAsync<long>("""
            insert into incentive_review (prisoner_number, booking_id, review_time, level_code, review_type, prison_id, current, origin)
            values ('A3003SF', 303, now(), 'BAS', 'REVIEW', 'MDI', false, 'NOMIS') returning id
            """);
        await _host.ScalarAsync<object>("insert into incentive_mapping (incentive_id, nomis_booking_id, nomis_incentive_sequence, mapping_type) values ($1, 303, 1, 'NOMIS_CREATED')", squatter);
        var conflictsBefore = _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "conflict");
        var retriesBefore = _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "mapping-retry");

        var review = (await _host.CreateDpsReviewAsync("A3003SF", "STD")).Review!;

        await Eventually.TrueAsync(() => _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "conflict") > conflictsBefore, Deadline, "the conflict to be reported");
        var entry = (await _host.SyncStatusAsync("A3003SF")).Reviews.Single(r => r.IncentiveId == review.Id);
        entry.ToNomisStatus.Should().Be("MAPPING_CONFLICT");
        entry.ToNomisDetail.Should().Contain($"existing: incentiveId={squatter}").And.Contain("nomisIncentiveSequence=1");
        entry.Mapping.Should().BeNull();
        _host.NomisIeps("A3003SF").Should().ContainSingle();
        (await DeadLettersAsync(IncentiveStreams.IncentivesSync, "A3003SF")).Should().BeEmpty();
        (await DeadLettersAsync(IncentiveStreams.IncentivesDomainEvents, "A3003SF")).Should().BeEmpty("a conflict is not retried");
        _host.Metrics.Syncs(IncentivesMetrics.DpsToNomis, "mapping-retry").Should().Be(retriesBefore);
    }

    private Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string streamNamespace, string key) =>
        _host.DeadLetters.ListAsync(new DeadLetterQuery(streamNamespace, key));
}
