namespace OrleansSync.Grains.Finance.Spreadsheet;

/// <summary>One row of the change log.</summary>
internal sealed record AccountChangeRow(
    long Id, DateTimeOffset ChangedAt, string Change, string EventType, string MessageId, Guid AccountId, string PaymentReference, Guid TenureId,
    long Version, string? OldValues, string NewValues);
