using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>The members of a Spring Data page (RestResponsePage) the hub reads.</summary>
public sealed record NomisPage<T>(
    [property: JsonPropertyName("content")] IReadOnlyList<T> Content,
    [property: JsonPropertyName("totalElements")] long TotalElements,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("last")] bool Last);

/// <summary>One element of <c>GET /incentives/ids</c>: the NOMIS key of an IEP.</summary>
public sealed record NomisIncentiveId(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("sequence")] long Sequence);

/// <summary>One element of <c>GET /prisoners/ids/active</c> (PrisonerIds): an active prisoner and their latest booking.</summary>
public sealed record NomisPrisonerIds(
    [property: JsonPropertyName("bookingId")] long BookingId,
    [property: JsonPropertyName("offenderNo")] string OffenderNo);
