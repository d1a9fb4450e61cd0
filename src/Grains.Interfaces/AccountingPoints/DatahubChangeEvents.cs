namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Thin change events from the datahub, ingested at <c>POST /events/datahub</c> and delivered on stream
/// namespace <see cref="StreamNamespace"/> keyed by GSRN. The shape (the contract defines none):
/// <code>{"eventType": "accounting-point-changed", "gsrn": "707057500000000017", "occurredAt": "2026-01-05T10:00:00Z", "eventId": "…"}</code>
/// eventType and gsrn are required; occurredAt (when the change happened in the datahub) lets a point skip
/// an event its last sync already covers; eventId is optional and only for deduplication upstream.
/// </summary>
public static class DatahubChangeEvents
{
    public const string SourceName = "datahub";

    public const string StreamNamespace = "datahub-changes";

    public const string AccountingPointChanged = "accounting-point-changed";
}
