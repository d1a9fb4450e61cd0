using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>Serializer options of the reference-data endpoints: camelCase, nulls omitted (Jackson non_null), nullability respected on read.</summary>
internal static class NomisReferenceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
    };
}
