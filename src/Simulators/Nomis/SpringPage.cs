using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// A Spring Data <c>PageImpl</c> serialised directly by Jackson, which is what HMPPS services return for
/// <c>Page&lt;T&gt;</c> and what their clients' RestResponsePage reads (content, number, size, totalElements,
/// pageable, …). The contract names the type, not its JSON, so every member PageImpl writes is here.
/// </summary>
public sealed record SpringPage<T>(
    [property: JsonPropertyName("content")] IReadOnlyList<T> Content,
    [property: JsonPropertyName("pageable")] SpringPageable Pageable,
    [property: JsonPropertyName("last")] bool Last,
    [property: JsonPropertyName("totalPages")] int TotalPages,
    [property: JsonPropertyName("totalElements")] long TotalElements,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("sort")] SpringSort Sort,
    [property: JsonPropertyName("first")] bool First,
    [property: JsonPropertyName("numberOfElements")] int NumberOfElements,
    [property: JsonPropertyName("empty")] bool Empty)
{
    public static SpringPage<T> Of(IReadOnlyList<T> all, int page, int size)
    {
        var content = all.Skip(page * size).Take(size).ToList();
        var totalPages = (int)Math.Ceiling(all.Count / (double)size);
        return new SpringPage<T>(
            content,
            new SpringPageable(page, size, SpringSort.SortedBy, (long)page * size, true, false),
            Last: page >= totalPages - 1,
            TotalPages: totalPages,
            TotalElements: all.Count,
            Size: size,
            Number: page,
            Sort: SpringSort.SortedBy,
            First: page == 0,
            NumberOfElements: content.Count,
            Empty: content.Count == 0);
    }
}
