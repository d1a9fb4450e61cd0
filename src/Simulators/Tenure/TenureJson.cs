using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Tenure;

/// <summary>
/// The tenure API's wire format: camelCase with enums as strings, as Hackney's services and listeners
/// configure System.Text.Json (tenure-listener SqsFunction.cs). Nulls are written, as the real API does.
/// </summary>
internal static class TenureJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
