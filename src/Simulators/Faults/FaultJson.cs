using System.Text.Json;

namespace OrleansSync.Simulators.Faults;

/// <summary>Fault admin DTOs name their members explicitly; these options only pin the rest of the behaviour.</summary>
internal static class FaultJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true };
}
