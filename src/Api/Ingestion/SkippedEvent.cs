using System.Text.Json;

namespace OrleansSync.Api.Ingestion;

/// <summary>An event that was acknowledged but not appended, because its source's classification skipped it.</summary>
public sealed record SkippedEvent(long Id, string Source, string MessageId, string EventType, string Reason, JsonElement Payload, DateTimeOffset ReceivedAt);
