using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Serializer options for the NOMIS contract, independent of the host's. Nulls are omitted (HMPPS services
/// run Jackson with non_null inclusion, which is why the incentive fixture has no <c>whenUpdated</c>), and
/// the relaxed encoder keeps the SNS <c>Message</c> string escaped exactly like the fixtures (\" only).
/// </summary>
internal static class NomisJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new NomisLocalDateTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
