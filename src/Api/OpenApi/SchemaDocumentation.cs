using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrleansSync.Api.AccountingPoints;
using OrleansSync.Api.Incentives;
using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Grains.Incentives;

namespace OrleansSync.Api.OpenApi;

/// <summary>
/// Corrects the generated schemas: strings stay typed "string" although request strings are read by
/// <see cref="Http.StorableStringConverter"/> (the generator cannot see through a custom converter),
/// fields with a fixed set of values list them, and descriptions read as prose
/// (<see cref="CSharpReferenceText"/>).
/// </summary>
internal sealed class SchemaDocumentation : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<(Type, string), IEnumerable<string>> Enumerations = new()
    {
        [(typeof(CreateIncentiveReviewRequest), "iepLevel")] = IncentiveLevels.Active.Order(StringComparer.Ordinal),
        [(typeof(CreateIncentiveReviewRequest), "reviewType")] = ReviewTypes.All.Order(StringComparer.Ordinal),
        [(typeof(RegisterControllableUnitRequest), "status")] = ControllableUnitStatuses.Names,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.Enum is not { Count: > 0 })
        {
            schema.Type = context.JsonPropertyInfo is { } property && IsNullable(property) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        if (context.JsonPropertyInfo is { DeclaringType: var declaring, Name: var name } && Enumerations.TryGetValue((declaring, name), out var values))
        {
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        schema.Description = CSharpReferenceText.Rewrite(schema.Description);
        return Task.CompletedTask;
    }

    private static bool IsNullable(System.Text.Json.Serialization.Metadata.JsonPropertyInfo property) => property.IsGetNullable || property.IsSetNullable;
}
