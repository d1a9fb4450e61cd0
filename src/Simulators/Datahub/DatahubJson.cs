using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Serializer options for the adapter contract, independent of the host's JSON settings. Names come from
/// the DTO attributes (snake_case as in the contract); '+' in offsets is written literally rather than as
/// \u002B; nullability annotations are enforced on input so a null <c>business_id</c> is a 400.
/// </summary>
internal static class DatahubJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WriteLocationOnlyWhenPresent } },
        };
        options.Converters.Add(new AdapterDateTimeConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void WriteLocationOnlyWhenPresent(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(AccountingPointDocument))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name is "latitude" or "longitude")
            {
                property.ShouldSerialize = static (owner, _) => ((AccountingPointDocument)owner).HasLocation;
            }
        }
    }
}
