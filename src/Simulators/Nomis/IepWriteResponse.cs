using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Response of the admin IEP write endpoints: the row's key and the event it raised.</summary>
public sealed record IepWriteResponse(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("event")] EmittedEvent? Event);
