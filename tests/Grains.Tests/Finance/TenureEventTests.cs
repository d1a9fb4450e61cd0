using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Tests.Finance.Support;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Tenure;
using TenureEventTypes = OrleansSync.Grains.Finance.TenureEventTypes;

namespace OrleansSync.Grains.Tests.Finance;

/// <summary>
/// Tenure events at /events/tenure turned into accounts: the tenure simulator holds the tenures but does not
/// post its events, so each test posts them itself, in the order (and as often) it wants.
/// </summary>
public sealed class TenureEventTests : IAsyncLifetime
{
    /// <summary>Seconds on a quiet machine; generous, as several builds share two cores here.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private FinanceHost _host = null!;

    public async Task InitializeAsync() => _host = await FinanceHost.StartAsync("finance_tenure_events", FinanceMode.Spreadsheet, simulatorPostsEvents: false,
        new Dictionary<string, string?>
        {
            // The tenure API may be down for a while: keep retrying rather than dead-lettering within the test.
            ["Streams:MaxAttempts"] = "1000",
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_then_update_then_the_same_update_replayed_changes_the_account_once()
    {
        var tenure = SeedTenure("1000000001");
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureCreated, tenure.Id));
        await WaitForVersionAsync(tenure.Id, 1);

        _host.Tenure.Store.Update(tenure.Id, new TenureUpdateRequest { FullAddress = "1 New Road E8 1AA" });
        var update = TenureEnvelopes.Event(TenureEventTypes.TenureUpdated, tenure.Id);
        await PostAsync(update);
        var updated = await WaitForVersionAsync(tenure.Id, 2);
        updated.Tenure.FullAddress.Should().Be("1 New Road E8 1AA");

        // The same envelope again is a duplicate by its id; the same change under a new id changes nothing.
        using (var again = await _host.PostEventAsync(update))
        {
            var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
            receipt.GetProperty("duplicates").GetInt32().Should().Be(1);
        }

        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureUpdated, tenure.Id));

        // A later, real change shows the replay was handled (per-key order) and changed nothing.
        _host.Tenure.Store.Update(tenure.Id, new TenureUpdateRequest { PaymentReference = "1000000002" });
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureUpdated, tenure.Id));
        var last = await WaitForVersionAsync(tenure.Id, 3);
        last.PaymentReference.Should().Be("1000000002");
        (await ChangesAsync(last.Id)).Should().Equal("Created", "Updated", "Updated");
        (await _host.CountAsync("select count(*) from stream_message where namespace = $1 and stream_key = $2", FinanceStreams.AccountEvents, tenure.Id.ToString("D")))
            .Should().Be(3, "one AccountCreatedEvent and two AccountUpdatedEvents went out through the outbox");
        (await _host.CountAsync("select count(*) from finance_account")).Should().Be(1);
    }

    [Fact]
    public async Task An_update_arriving_before_its_create_creates_the_account_once()
    {
        var tenure = SeedTenure("1000000011");
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureUpdated, tenure.Id));
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureCreated, tenure.Id));
        (await WaitForVersionAsync(tenure.Id, 1)).AccountStatus.Should().Be("Active");

        // Each event re-fetches the tenure as it is now, so the late create (if still queued) and this update both see the change;
        // per-key order makes the update the last word either way.
        _host.Tenure.Store.Update(tenure.Id, new TenureUpdateRequest { EndOfTenureDate = new DateTime(2021, 1, 1) });
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureUpdated, tenure.Id));

        var account = await WaitForVersionAsync(tenure.Id, 2);
        account.AccountStatus.Should().Be("Ended", "the tenure's end date has passed");
        account.EndDate.Should().Be(new DateOnly(2021, 1, 1));
        (await ChangesAsync(account.Id)).Should().Equal(new[] { "Created", "Updated" }, "the update created the account from the re-fetched tenure; the late create found nothing to change");
        (await _host.CountAsync("select count(*) from finance_account where target_id = $1", tenure.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_handled_event_whose_eventData_is_full_of_nulls_and_default_dates_still_creates_the_account()
    {
        var tenure = SeedTenure("1000000021");
        await PostAsync(TenureEnvelopes.WithNulls(TenureEventTypes.TenureCreated, tenure.Id));
        var account = await WaitForVersionAsync(tenure.Id, 1);
        account.PaymentReference.Should().Be("1000000021", "the account is made from the re-fetched tenure, not from eventData");
    }

    [Fact]
    public async Task Fixture_events_of_types_the_finance_flow_does_not_handle_are_recorded_as_skipped_never_dead_lettered()
    {
        using (var response = await _host.PostEventAsync(HackneyFixtures.Text(HackneyFixtures.EventDataWithNulls)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        using (var response = await _host.PostEventAsync(HackneyFixtures.Text(HackneyFixtures.PersonCreatedSqsEnvelope)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        using var admin = _host.Client(ApiRoles.Admin);
        var skipped = await admin.GetFromJsonAsync<JsonElement>("/events/skipped?source=tenure");
        skipped.EnumerateArray().Select(s => s.GetProperty("eventType").GetString()).Should().Contain(["TransactionCreatedEvent", "PersonCreatedEvent"]);
        (await _host.CountAsync("select count(*) from stream_message where namespace = $1", FinanceStreams.TenureEvents)).Should().Be(0);
        (await _host.DeadLetters.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_tenure_event_without_an_entity_id_is_refused_naming_the_field()
    {
        using var response = await _host.PostEventAsync("""{"id":"5b1f4f7e-8f3b-4c55-9d0e-6c1c1f0a1b2c","eventType":"TenureCreatedEvent","entityId":"not-a-guid"}""");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("entityId");
        (await _host.CountAsync("select count(*) from stream_message where namespace = $1", FinanceStreams.TenureEvents)).Should().Be(0);
    }

    [Fact]
    public async Task While_the_tenure_API_is_down_the_event_waits_and_once_it_is_back_the_account_is_created()
    {
        var tenure = SeedTenure("1000000031");
        _host.Tenure.Faults.Apply(new FaultSettings { FailureRate = 1 });
        try
        {
            await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureCreated, tenure.Id));
            await Eventually.TrueAsync(() => _host.Tenure.Faults.Statistics.InjectedFailures >= 8, Deadline,
                "the grain to retry the tenure API (its own retries, then the stream's)");
            (await _host.AccountAsync(tenure.Id)).Should().BeNull();
        }
        finally
        {
            _host.Tenure.Faults.Apply(new FaultSettings { FailureRate = 0 });
        }

        await WaitForVersionAsync(tenure.Id, 1);
        (await _host.DeadLetters.CountAsync()).Should().Be(0, "the event was retried until the tenure API was back, not dead-lettered");
    }

    [Fact]
    public async Task A_person_added_to_and_removed_from_the_tenure_changes_the_accounts_tenants()
    {
        var tenure = SeedTenure("1000000041");
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.TenureCreated, tenure.Id));
        await WaitForVersionAsync(tenure.Id, 1);

        var person = new HouseholdMember(Guid.NewGuid(), "Person", "Second Tenant", true, null, "Tenant");
        _host.Tenure.Store.AddMember(tenure.Id, person);
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.PersonAddedToTenure, tenure.Id));
        (await WaitForVersionAsync(tenure.Id, 2)).Tenure.PrimaryTenants.Select(t => t.FullName).Should().Equal("First Tenant", "Second Tenant");

        _host.Tenure.Store.RemoveMember(tenure.Id, person.Id);
        await PostAsync(TenureEnvelopes.Event(TenureEventTypes.PersonRemovedFromTenure, tenure.Id));
        (await WaitForVersionAsync(tenure.Id, 3)).Tenure.PrimaryTenants.Select(t => t.FullName).Should().Equal("First Tenant");
    }

    private TenureInformation SeedTenure(string paymentReference) => _host.Tenure.Store.Create(new TenureInformation
    {
        PaymentReference = paymentReference,
        StartOfTenureDate = new DateTime(2020, 4, 1),
        TenureType = new TenureCodeDescription("SEC", "Secure"),
        TenuredAsset = new TenuredAsset(Guid.NewGuid(), "Dwelling", "2 Old Street E8 2BB", "100000001", "00012345"),
        HouseholdMembers = [new HouseholdMember(Guid.NewGuid(), "Person", "First Tenant", true, new DateTime(1980, 1, 1), "Tenant")],
    });

    private async Task PostAsync(string envelope)
    {
        using var response = await _host.PostEventAsync(envelope);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private async Task<FinanceAccount> WaitForVersionAsync(Guid tenureId, long version)
    {
        FinanceAccount? account = null;
        await Eventually.TrueAsync(async () => (account = await _host.AccountAsync(tenureId))?.Version >= version, Deadline,
            $"tenure {tenureId}'s account to reach version {version}");
        account!.Version.Should().Be(version);
        return account;
    }

    private async Task<List<string>> ChangesAsync(Guid accountId)
    {
        await using var connection = new NpgsqlConnection(_host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select change from finance_account_change where account_id = $1 order by id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        await using var reader = await command.ExecuteReaderAsync();
        var changes = new List<string>();
        while (await reader.ReadAsync())
        {
            changes.Add(reader.GetString(0));
        }

        return changes;
    }
}
