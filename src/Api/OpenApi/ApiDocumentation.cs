using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace OrleansSync.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json (with the bearer scheme, so Swagger UI's Authorize button works) and Swagger UI at /swagger; both anonymous.</summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/v1.json";

    public const string SwaggerPrefix = "swagger";

    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "OrleansSync API";
                document.Info.Description =
                    "Entity-sync hub gateway. Every endpoint needs a bearer token (HS256, issuer and audience 'orleanssync') " +
                    "with a 'role' claim: reader, operator or admin. The default run writes an admin token to .data/dev-token.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from .data/dev-token or `dotnet run --project src/Silo -- token --role reader`.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<SchemaDocumentation>();
            options.AddOperationTransformer<OperationDocumentation>();
            options.AddOperationTransformer((operation, context, _) =>
            {
                var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
                if (policies.Count > 0)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : " ")}Policy: {string.Join(", ", policies)}.";
                }

                return Task.CompletedTask;
            });
        });

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "OrleansSync API v1");
            options.RoutePrefix = SwaggerPrefix;
            options.DocumentTitle = "OrleansSync API";
        });
        return app;
    }
}
