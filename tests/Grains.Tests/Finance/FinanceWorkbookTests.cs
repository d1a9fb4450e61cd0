using System.Text;
using System.Text.Json;
using OrleansSync.Grains.Finance;
using OrleansSync.Grains.Finance.Spreadsheet;
using OrleansSync.Grains.Tests.Finance.Support;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Grains.Tests.Finance;

/// <summary>The workbook at scale: 1,000 tenures created in one SQS batch of their TenureCreatedEvents.</summary>
public sealed class FinanceWorkbookTests
{
    private const int Tenures = 1000;

    /// <summary>1,000 accounts each re-fetch a tenure and commit a unit of work; minutes at worst on this loaded machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task After_1000_accounts_the_workbook_opens_validates_is_protected_and_holds_every_account_once()
    {
        await using var host = await FinanceHost.StartAsync("finance_workbook", FinanceMode.Spreadsheet, simulatorPostsEvents: false);
        var tenures = Enumerable.Range(0, Tenures).Select(i => host.Tenure.Store.Create(new TenureInformation
        {
            PaymentReference = (2_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartOfTenureDate = new DateTime(2015, 1, 1).AddDays(i),
            TenureType = new TenureCodeDescription(i % 10 == 0 ? "LEA" : "SEC", i % 10 == 0 ? "Leasehold (RTB)" : "Secure"),
            TenuredAsset = new TenuredAsset(Guid.NewGuid(), "Dwelling", $"Flat {i}, Test House E8 {i % 9}AA", null, null),
            HouseholdMembers = [new HouseholdMember(Guid.NewGuid(), "Person", $"Tenant {i} <&> \"quoted\"", true, null, "Tenant")],
        })).ToList();

        var batch = JsonSerializer.Serialize(new
        {
            Records = tenures.Select(t => new
            {
                messageId = Guid.NewGuid().ToString("D"),
                body = TenureEnvelopes.Event(OrleansSync.Grains.Finance.TenureEventTypes.TenureCreated, t.Id),
            }),
        });
        using (var response = await host.PostEventAsync(batch))
        {
            response.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(async () => await host.CountAsync("select count(*) from finance_account") == Tenures, Deadline, "every tenure to get its account");
        Workbook? workbook = null;
        await Eventually.TrueAsync(async () =>
        {
            workbook = Workbook.Read(await host.DownloadWorkbookAsync());
            return workbook.Rows(FinanceWorkbook.AccountsSheet).Count == Tenures;
        }, Deadline, "the downloaded workbook to hold every account");

        workbook!.ValidationErrors.Should().BeEmpty("the workbook must open in Excel as written");
        var rows = workbook.Rows(FinanceWorkbook.AccountsSheet);
        rows.Select(r => r["Payment reference"]).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(tenures.Select(t => t.PaymentReference), "every account is in the workbook, once");
        rows.Count(r => r["Rent group"] == "LeaseHolders").Should().Be(Tenures / 10);
        rows.Should().Contain(r => r["Primary tenants"] == "Tenant 7 <&> \"quoted\"", "text is kept exactly");
        workbook.Sheets[FinanceWorkbook.AccountsSheet][0].Should().Equal(FinanceWorkbook.AccountColumns);
        workbook.Rows(FinanceWorkbook.ChangeLogSheet).Should().HaveCount(Tenures).And.OnlyContain(c => c["Change"] == "Created");
        workbook.Protection.Should().HaveCount(2).And.OnlyContain(p => p.Value != null && p.Value.Sheet! && p.Value.HashValue != null);
        workbook.Protection.Values.Should().OnlyContain(p => SheetPassword.Matches(FinanceHost.SpreadsheetPassword, p!.HashValue!, p.SaltValue!, p.SpinCount!));

        // The copy in the folder is the same workbook, and no temporary file is left behind.
        Workbook.Read(await File.ReadAllBytesAsync(host.WorkbookPath)).Rows(FinanceWorkbook.AccountsSheet).Should().HaveCount(Tenures);
        Directory.GetFiles(host.Folder).Should().ContainSingle();
    }

    [Fact]
    public void The_sheet_password_hash_is_the_one_Excel_checks()
    {
        var password = SheetPassword.Create("correct horse");
        SheetPassword.Matches("correct horse", password.Hash, password.Salt, SheetPassword.SpinCount).Should().BeTrue();
        SheetPassword.Matches("wrong horse", password.Hash, password.Salt, SheetPassword.SpinCount).Should().BeFalse();
        Encoding.ASCII.GetString(Convert.FromBase64String(password.Hash)).Should().NotContain("correct horse");
    }
}
