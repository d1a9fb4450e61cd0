using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using OrleansSync.Api.Ingestion;

namespace OrleansSync.Api.OpenApi;

/// <summary>
/// Corrects the generated operations: the <c>{source}</c> of <c>POST /events/{source}</c> lists the
/// registered event sources, and summaries and descriptions read as prose (<see cref="CSharpReferenceText"/>).
/// </summary>
internal sealed class OperationDocumentation : IOpenApiOperationTransformer
{
    public const string SourceParameter = "source";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Summary = CSharpReferenceText.Rewrite(operation.Summary);
        operation.Description = CSharpReferenceText.Rewrite(operation.Description);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Description = CSharpReferenceText.Rewrite(parameter.Description);
            if (parameter is { Name: SourceParameter, In: ParameterLocation.Path } && context.Description.RelativePath?.StartsWith("events/", StringComparison.Ordinal) == true)
            {
                var sources = context.ApplicationServices.GetRequiredService<EventSourceRegistry>().All.Select(s => s.Name);
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. sources.Select(s => (JsonNode)JsonValue.Create(s))] };
                parameter.Description ??= "The upstream system the events come from (GET /events/sources lists them with their streams).";
            }
        }

        return Task.CompletedTask;
    }
}
