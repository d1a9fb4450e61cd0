using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Spring Data <c>Pageable</c> as Jackson serialises it inside a page.</summary>
public sealed record SpringPageable(
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("sort")] SpringSort Sort,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("paged")] bool Paged,
    [property: JsonPropertyName("unpaged")] bool Unpaged);
