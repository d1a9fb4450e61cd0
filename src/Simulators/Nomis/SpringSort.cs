using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Spring Data <c>Sort</c> as Jackson serialises it inside a page.</summary>
public sealed record SpringSort(
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("sorted")] bool Sorted,
    [property: JsonPropertyName("unsorted")] bool Unsorted)
{
    public static SpringSort SortedBy { get; } = new(false, true, false);
}
