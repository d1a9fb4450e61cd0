using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Tests.Finance.Support;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Grains.Tests.Finance;

/// <summary>Phase 2: the push to the interim finance solution, switched on after the spreadsheet phase; failures, replay, reconciliation.</summary>
public sealed class FinancePushTests
{
    /// <summary>Seconds on a quiet machine; generous, as several builds share two cores here.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_push_switched_on_after_the_spreadsheet_phase_sends_every_existing_account_exactly_once()
    {
        const int tenures = 25;
        var spreadsheetPhase = await FinanceHost.StartAsync("finance_push_switch", FinanceMode.Spreadsheet);
        for (var i = 0; i < tenures; i++)
        {
            await spreadsheetPhase.CreateTenureAsync(JsonSerializer.Serialize(new
            {
                paymentReference = (3_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                tenureType = new { code = "SEC", description = "Secure" },
                tenuredAsset = new { id = Guid.NewGuid(), fullAddress = $"{i} Push Street E8" },
                startOfTenureDate = "2019-06-01",
            }));
        }

        await Eventually.TrueAsync(async () => await spreadsheetPhase.CountAsync("select count(*) from finance_account") == tenures, Deadline,
            "every tenure to get its account in the spreadsheet phase");
        spreadsheetPhase.Interim.Store.All.Should().BeEmpty("the push is off in the spreadsheet phase");

        await using var pushPhase = await FinanceHost.RestartAsync(spreadsheetPhase, FinanceMode.Both);
        await Eventually.TrueAsync(() => pushPhase.Interim.Store.All.Count == tenures, Deadline, "switching the push on to send the existing accounts");

        // A second start (another silo, a restart) and a late backlog call find nothing left to send.
        (await pushPhase.Grains.GetGrain<IFinanceReconciliationGrain>(IFinanceReconciliationGrain.Key).PushPendingAsync()).Should().Be(0);
        for (var i = 0; i < tenures; i++)
        {
            pushPhase.Interim.Store.UpsertsOf((3_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Be(1, "each account is sent exactly once");
        }

        // From now on each new account and change is pushed as it happens (the simulator's tenures did not survive the restart: a new one).
        var late = (await pushPhase.CreateTenureAsync("""{"paymentReference":"3100000000","tenuredAsset":{"id":"0b0b2c9e-1b7a-4a4e-9d55-0f6f3a1c2d3e","fullAddress":"1 Late Street E8"}}""")).GetProperty("id").GetGuid();
        await Eventually.TrueAsync(() => pushPhase.Interim.Store.Get("3100000000") is not null, Deadline, "the new account to be pushed");
        await pushPhase.UpdateTenureAsync(late, new { fullAddress = "1 Pushed Again Street E8" });
        await Eventually.TrueAsync(() => pushPhase.Interim.Store.Get("3100000000")?.FullAddress == "1 Pushed Again Street E8", Deadline, "the update to be pushed");
        pushPhase.Interim.Store.Get("3100000000")!.SourceVersion.Should().Be(2);
        pushPhase.Interim.Store.UpsertsOf("3100000000").Should().Be(2);
    }

    [Fact]
    public async Task A_push_that_keeps_failing_is_dead_lettered_and_its_replay_delivers_it()
    {
        await using var host = await FinanceHost.StartAsync("finance_push_dead_letter", FinanceMode.Push);
        host.Interim.Faults.Apply(new FaultSettings { FailureRate = 1, FailureStatusCode = 503 });
        var created = await host.CreateTenureAsync("""{"paymentReference":"4000000001","tenureType":{"code":"SEC","description":"Secure"},"startOfTenureDate":"2021-01-01"}""");
        var tenureId = created.GetProperty("id").GetGuid();

        DeadLetter? dead = null;
        await Eventually.TrueAsync(async () => (dead = await host.DeadLetters.ListAsync(new DeadLetterQuery(FinanceStreams.AccountEvents)) is { Count: > 0 } letters ? letters[0] : null) is not null,
            Deadline, "the failing push to be retried, then dead-lettered");
        dead!.Key.Should().Be(tenureId.ToString("D"));
        dead.LastError.Should().Contain("503");
        host.Interim.Store.Get("4000000001").Should().BeNull();
        using (var client = host.Client(OrleansSync.Api.Security.ApiRoles.Reader))
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/finance/status");
            status.GetProperty("pushesPending").GetInt64().Should().Be(1);
            status.GetProperty("pushesFailing").GetInt64().Should().Be(1);
        }

        host.Interim.Faults.Apply(new FaultSettings { FailureRate = 0 });
        (await host.DeadLetters.ReplayAsync(dead.Id)).Should().BeTrue();
        await Eventually.TrueAsync(() => host.Interim.Store.Get("4000000001") is not null, Deadline, "the replayed push to reach the interim solution");
        host.Interim.Store.WritesOf("4000000001").Should().Be(1);
    }

    [Fact]
    public async Task Reconciliation_finds_an_account_missing_in_the_interim_solution_and_repairs_it()
    {
        await using var host = await FinanceHost.StartAsync("finance_reconciliation", FinanceMode.Both);
        await host.CreateTenureAsync("""{"paymentReference":"5000000001","tenureType":{"code":"SEC","description":"Secure"}}""");
        await host.CreateTenureAsync("""{"paymentReference":"5000000002","tenureType":{"code":"TGA","description":"Tenant Garage"}}""");
        await Eventually.TrueAsync(() => host.Interim.Store.All.Count == 2, Deadline, "both accounts to be pushed");
        host.Interim.Store.Remove("5000000002").Should().BeTrue("an interim user deletes a row by mistake");

        using var client = host.Client();
        using var response = await client.PostAsync("/finance/reconciliation", null);
        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("accountsChecked").GetInt32().Should().Be(2);
        report.GetProperty("missing").GetInt32().Should().Be(1);
        report.GetProperty("repaired").GetInt32().Should().Be(1);
        host.Interim.Store.Get("5000000002")!.RentGroupType.Should().Be("Garages");

        var status = await client.GetFromJsonAsync<JsonElement>("/finance/status");
        status.GetProperty("mode").GetString().Should().Be("Both");
        status.GetProperty("accounts").GetInt64().Should().Be(2);
        status.GetProperty("lastReconciliation").GetProperty("missing").GetInt32().Should().Be(1);
        status.GetProperty("spreadsheet").GetProperty("accounts").GetInt32().Should().BeInRange(0, 2);
    }
}
