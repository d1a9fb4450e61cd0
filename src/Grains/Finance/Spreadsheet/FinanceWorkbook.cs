using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OrleansSync.Grains.Finance.Spreadsheet;

/// <summary>
/// The interim finance solution's workbook (phase 1 of the ADR): sheet "Accounts" with one row per account
/// and its current values, sheet "Change log" with every change (when, which event, old and new values).
/// Every cell is locked (the default style) and every sheet protected with the password's hash, filtering
/// and sorting allowed, so users can read and filter but not edit; the workbook's structure is protected
/// too, so sheets cannot be added, removed or renamed. Cells are inline strings: the reader sees exactly
/// the stored text (a payment reference keeps its leading zeros).
/// </summary>
internal static class FinanceWorkbook
{
    public const string AccountsSheet = "Accounts";
    public const string ChangeLogSheet = "Change log";

    public static readonly string[] AccountColumns =
    [
        "Payment reference", "Account id", "Tenure id", "Target type", "Account type", "Rent group", "Agreement type", "Status",
        "Start date", "End date", "Tenure type code", "Tenure type", "Full address", "Primary tenants", "Created at", "Last updated at", "Version",
    ];

    public static readonly string[] ChangeLogColumns =
    [
        "Changed at", "Change", "Event", "Event id", "Payment reference", "Account id", "Tenure id", "Version", "Old values", "New values",
    ];

    public static void Write(Stream output, WorkbookSnapshot snapshot, SheetPassword password)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheets = new Sheets();
        var filters = new DefinedNames();
        AddSheet(workbookPart, sheets, filters, 1, AccountsSheet, AccountColumns, snapshot.Accounts.Select(AccountRow), password);
        AddSheet(workbookPart, sheets, filters, 2, ChangeLogSheet, ChangeLogColumns, snapshot.Changes.Select(ChangeRow), password);
        workbookPart.Workbook = new Workbook(
            new WorkbookProtection
            {
                WorkbookAlgorithmName = SheetPassword.Algorithm,
                WorkbookHashValue = password.Hash,
                WorkbookSaltValue = password.Salt,
                WorkbookSpinCount = SheetPassword.SpinCount,
                LockStructure = true,
            },
            sheets,
            filters);
        workbookPart.Workbook.Save();
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, DefinedNames filters, uint sheetId, string name, string[] columns,
        IEnumerable<string?[]> rows, SheetPassword password)
    {
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint rowIndex = 1;
        data.Append(Row(rowIndex, columns));
        foreach (var values in rows)
        {
            data.Append(Row(++rowIndex, values));
        }

        var range = $"A1:{ColumnName(columns.Length)}{rowIndex}";
        worksheetPart.Worksheet = new Worksheet(
            data,
            new SheetProtection
            {
                AlgorithmName = SheetPassword.Algorithm,
                HashValue = password.Hash,
                SaltValue = password.Salt,
                SpinCount = SheetPassword.SpinCount,
                Sheet = true,
                Objects = true,
                Scenarios = true,
                AutoFilter = false,
                Sort = false,
            },
            new AutoFilter { Reference = range });
        worksheetPart.Worksheet.Save();
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId, Name = name });
        filters.Append(new DefinedName($"'{name}'!$A$1:${ColumnName(columns.Length)}${rowIndex}")
        {
            Name = "_xlnm._FilterDatabase",
            LocalSheetId = sheetId - 1,
            Hidden = true,
        });
    }

    private static string?[] AccountRow(FinanceAccount a) =>
    [
        a.PaymentReference, a.Id.ToString("D"), a.TargetId.ToString("D"), a.TargetType, a.AccountType, a.RentGroupType, a.AgreementType,
        a.AccountStatus, Date(a.StartDate), Date(a.EndDate), a.Tenure.TenureType?.Code, a.Tenure.TenureType?.Description, a.Tenure.FullAddress,
        AccountValues.JoinTenants(a.Tenure.PrimaryTenants), Time(a.CreatedAt), Time(a.LastUpdatedAt), a.Version.ToString(CultureInfo.InvariantCulture),
    ];

    private static string?[] ChangeRow(AccountChangeRow c) =>
    [
        Time(c.ChangedAt), c.Change, c.EventType, c.MessageId, c.PaymentReference, c.AccountId.ToString("D"), c.TenureId.ToString("D"),
        c.Version.ToString(CultureInfo.InvariantCulture), Values(c.OldValues), Values(c.NewValues),
    ];

    /// <summary>{"field": value} as "field: value" lines, in the order stored.</summary>
    private static string? Values(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
        return string.Join("\n", values.Select(v => $"{v.Key}: {v.Value}"));
    }

    private static Row Row(uint index, string?[] values)
    {
        var row = new Row { RowIndex = index };
        for (var column = 0; column < values.Length; column++)
        {
            var cell = new Cell { CellReference = ColumnName(column + 1) + index.ToString(CultureInfo.InvariantCulture) };
            if (values[column] is { Length: > 0 } text)
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
            }

            row.Append(cell);
        }

        return row;
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int number)
    {
        var name = new StringBuilder();
        while (number > 0)
        {
            var remainder = (number - 1) % 26;
            name.Insert(0, (char)('A' + remainder));
            number = (number - 1) / 26;
        }

        return name.ToString();
    }

    /// <summary>XML 1.0 cannot hold most control characters; a tenure's text is shown without them rather than breaking the file.</summary>
    private static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? new string([.. text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]) : text;

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
