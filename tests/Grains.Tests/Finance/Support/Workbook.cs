using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace OrleansSync.Grains.Tests.Finance.Support;

/// <summary>A downloaded workbook read back: its sheets' rows as text, their protection, and the Open XML validator's errors.</summary>
internal sealed class Workbook
{
    private Workbook(Dictionary<string, List<string?[]>> sheets, Dictionary<string, SheetProtection?> protection, WorkbookProtection? workbookProtection, List<string> errors)
    {
        Sheets = sheets;
        Protection = protection;
        WorkbookProtection = workbookProtection;
        ValidationErrors = errors;
    }

    /// <summary>Rows by sheet name, the header row first.</summary>
    public IReadOnlyDictionary<string, List<string?[]>> Sheets { get; }

    public IReadOnlyDictionary<string, SheetProtection?> Protection { get; }

    public WorkbookProtection? WorkbookProtection { get; }

    public IReadOnlyList<string> ValidationErrors { get; }

    public static Workbook Read(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        var workbookPart = document.WorkbookPart!;
        var sheets = new Dictionary<string, List<string?[]>>(StringComparer.Ordinal);
        var protection = new Dictionary<string, SheetProtection?>(StringComparer.Ordinal);
        foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(row => row.Elements<Cell>().Select(cell => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text).ToArray())
                .ToList();
            sheets[sheet.Name!] = rows;
            protection[sheet.Name!] = part.Worksheet.GetFirstChild<SheetProtection>();
        }

        return new Workbook(sheets, protection, workbookPart.Workbook.WorkbookProtection, errors);
    }

    /// <summary>The data rows of a sheet as dictionaries by header.</summary>
    public List<Dictionary<string, string?>> Rows(string sheet)
    {
        var rows = Sheets[sheet];
        var header = rows[0];
        return [.. rows.Skip(1).Select(r => header.Select((h, i) => (h!, i < r.Length ? r[i] : null)).ToDictionary(x => x.Item1, x => x.Item2))];
    }
}
