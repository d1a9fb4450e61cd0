using System.Text.Json;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// An event that was acknowledged but not appended, because its source's classification skipped it.
/// The payload is null for a caller who may not see payloads (<see cref="Security.ApiRoles.SeesPayloads"/>).
/// </summary>
public sealed record SkippedEvent(long Id, string Source, string MessageId, string EventType, string Reason, JsonElement? Payload, DateTimeOffset ReceivedAt);
