using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Finance.Spreadsheet;
using OrleansSync.Grains.Tests.Finance.Support;

namespace OrleansSync.Grains.Tests.Finance;

/// <summary>
/// The acceptance path on the default wiring: a tenure created in the tenure simulator becomes,
/// within seconds, an account with its payment reference, a row of the downloaded (protected) workbook,
/// and, with the push on, the same account in the interim finance simulator.
/// </summary>
public sealed class FinanceAcceptanceTests
{
    /// <summary>Seconds on a quiet machine; generous, as several builds share two cores here.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_tenure_created_in_the_tenure_simulator_becomes_an_account_a_protected_workbook_row_and_an_interim_finance_account()
    {
        await using var host = await FinanceHost.StartAsync("finance_acceptance", FinanceMode.Both);
        var created = await host.CreateTenureAsync(HackneyFixtures.Text(HackneyFixtures.TenurePostRequest));
        var tenureId = created.GetProperty("id").GetGuid();

        FinanceAccount? account = null;
        await Eventually.TrueAsync(async () => (account = await host.AccountAsync(tenureId)) is not null, Deadline,
            "the tenure's TenureCreatedEvent to reach the hub and create its account");
        account!.PaymentReference.Should().Be("9156853502", "the tenure carries its payment reference");
        account.TargetType.Should().Be("Tenure");
        account.AccountType.Should().Be("Master");
        account.AgreementType.Should().Be("Master Account");
        account.RentGroupType.Should().Be("Tenant");
        account.AccountStatus.Should().Be("Active");
        account.StartDate.Should().Be(new DateOnly(2010, 1, 1));
        account.Tenure.FullAddress.Should().Be("ROOM 106 CAPE HOUSE 39 Dalston Lane E8 3DF");
        account.Tenure.TenureType.Should().Be(new AccountTenureType("SEC", "Secure"));
        account.Tenure.PrimaryTenants.Should().Equal(new AccountTenant(Guid.Parse("2e03113a-f404-acdd-fe16-0eb1351526dc"), "FAKE_Katy FAKE_Turne"));

        using (var client = host.Client(OrleansSync.Api.Security.ApiRoles.Reader))
        {
            var byTarget = await client.GetFromJsonAsync<JsonElement>($"/accounts?targetId={tenureId:D}&accountType=Master");
            byTarget.EnumerateArray().Single().GetProperty("paymentReference").GetString().Should().Be("9156853502");
            var byPrn = await client.GetFromJsonAsync<JsonElement>("/accounts/payment-reference/9156853502");
            byPrn.GetProperty("id").GetGuid().Should().Be(account.Id);
            var byId = await client.GetFromJsonAsync<JsonElement>($"/accounts/{account.Id:D}");
            byId.GetProperty("tenure").GetProperty("tenureId").GetString().Should().Be(tenureId.ToString("D"));
        }

        host.Tenure.Requests.Requests.Should().Contain(r => r.TenureId == tenureId && r.Status == 200,
            "the grain re-fetches the tenure from the tenure API rather than trusting eventData");
        var correlation = host.Tenure.Events.Published.Single(e => e.Event.EntityId == tenureId).Event.CorrelationId.ToString("D");
        host.Tenure.Requests.Requests.Should().Contain(r => r.TenureId == tenureId && r.CorrelationId == correlation, "the event's correlation id is passed on");

        Workbook? workbook = null;
        await Eventually.TrueAsync(async () =>
        {
            workbook = Workbook.Read(await host.DownloadWorkbookAsync());
            return workbook.Rows(FinanceWorkbook.AccountsSheet).Any(r => r["Payment reference"] == "9156853502");
        }, Deadline, "the account to be a row of the downloaded workbook");
        workbook!.ValidationErrors.Should().BeEmpty();
        var row = workbook.Rows(FinanceWorkbook.AccountsSheet).Single();
        row["Tenure id"].Should().Be(tenureId.ToString("D"));
        row["Full address"].Should().Be("ROOM 106 CAPE HOUSE 39 Dalston Lane E8 3DF");
        workbook.Rows(FinanceWorkbook.ChangeLogSheet).Should().ContainSingle(c => c["Change"] == "Created" && c["Event"] == "TenureCreatedEvent");
        foreach (var (sheet, protection) in workbook.Protection)
        {
            protection.Should().NotBeNull($"sheet {sheet} must be protected");
            protection!.Sheet!.Value.Should().BeTrue();
            SheetPassword.Matches(FinanceHost.SpreadsheetPassword, protection.HashValue!, protection.SaltValue!, protection.SpinCount!).Should()
                .BeTrue($"sheet {sheet} is protected with the configured password");
            protection.AutoFilter!.Value.Should().BeFalse("users may filter");
        }

        workbook.WorkbookProtection!.LockStructure!.Value.Should().BeTrue();
        File.Exists(host.WorkbookPath).Should().BeTrue("the configured folder holds the current copy");
        Directory.GetFiles(host.Folder, "*.tmp").Should().BeEmpty("a write renames its temporary file over the copy");

        await Eventually.TrueAsync(() => host.Interim.Store.Get("9156853502") is not null, Deadline,
            "the push to put the account in the interim finance simulator");
        var interim = host.Interim.Store.Get("9156853502")!;
        interim.AccountId.Should().Be(account.Id);
        interim.TenureId.Should().Be(tenureId);
        interim.SourceVersion.Should().Be(1);
        host.Interim.Store.UpsertsOf("9156853502").Should().Be(1);
    }
}
