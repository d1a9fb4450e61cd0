namespace OrleansSync.Grains.Finance;

/// <summary>The current workbook's bytes (XLSX) and what it holds.</summary>
[GenerateSerializer, Immutable]
public sealed record SpreadsheetFile(byte[] Content, SpreadsheetStatus Status);
