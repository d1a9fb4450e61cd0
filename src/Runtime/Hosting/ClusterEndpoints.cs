using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansSync.Runtime.Calls;

namespace OrleansSync.Runtime.Hosting;

/// <summary>
/// The silo-to-silo endpoint: other silos (and gateway processes) deliver grain calls for the
/// partitions this silo owns. Every request must carry the cluster secret; without it nothing is
/// read or run. It is not part of the public API and is left out of the OpenAPI document.
/// </summary>
public static class ClusterEndpoints
{
    public const string CallsPath = "/cluster/calls";

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(CallsPath, HandleCallAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleCallAsync(HttpContext http, SiloRuntime runtime)
    {
        if (!SecretMatches(http.Request.Headers[RemoteGrainInvoker.SecretHeader], runtime.Options.ClusterSecret))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Cluster secret required", detail: $"Silo-to-silo calls need the {RemoteGrainInvoker.SecretHeader} header with the cluster's secret.");
        }

        if (!runtime.IsRunning)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Silo not serving");
        }

        RemoteCallRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<RemoteCallRequest>(RuntimeJson.Options, http.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed grain call", detail: exception.Message);
        }

        if (request is null || string.IsNullOrEmpty(request.GrainType) || string.IsNullOrEmpty(request.Key) || !runtime.Methods.TryGet(request.Method ?? "", out var method) || request.Arguments?.Length != method.ParameterTypes.Length)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown grain method", detail: "Every silo of a cluster must run the same grains.");
        }

        var grain = new GrainId(request.GrainType, request.Key);
        try
        {
            var arguments = request.Arguments.Select((element, i) => element.Deserialize(method.ParameterTypes[i], RuntimeJson.Options)).ToArray();
            var chain = (request.CallChain ?? []).Select(Parse).ToArray();
            var result = await runtime.Router.InvokeHereAsync(grain, method, arguments, chain);
            return Results.Ok(RemoteCallResponse.Ok(method.ResultType == typeof(void) ? null : JsonSerializer.SerializeToElement(result, method.ResultType, RuntimeJson.Options)));
        }
        catch (NotOwnerException)
        {
            return Results.Ok(RemoteCallResponse.Moved);
        }
        catch (Exception exception)
        {
            return Results.Ok(RemoteCallResponse.Failed(exception));
        }
    }

    private static GrainId Parse(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return new GrainId(id[..slash], id[(slash + 1)..]);
    }

    private static bool SecretMatches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
