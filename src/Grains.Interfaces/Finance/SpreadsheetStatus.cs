namespace OrleansSync.Grains.Finance;

/// <summary>The workbook's last write: when, its rows, and the change-log id it covers up to.</summary>
[GenerateSerializer, Immutable]
public sealed record SpreadsheetStatus(DateTimeOffset? WrittenAt, int Accounts, int Changes, long UpToChangeId, string? Path, string? LastError);
