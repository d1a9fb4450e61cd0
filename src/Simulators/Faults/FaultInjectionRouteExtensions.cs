namespace OrleansSync.Simulators.Faults;

internal static class FaultInjectionRouteExtensions
{
    /// <summary>Puts <paramref name="faults"/> in front of every endpoint of the group.</summary>
    public static TBuilder WithFaultInjection<TBuilder>(this TBuilder builder, FaultInjector faults)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
            await faults.InterceptAsync(context.HttpContext) is { } injected ? injected : await next(context));
        return builder;
    }

    /// <summary><c>GET/PUT {admin}/faults</c> and <c>POST {admin}/faults/reset</c>, identical in every simulator.</summary>
    public static void MapFaultAdmin(this IEndpointRouteBuilder admin, FaultInjector faults)
    {
        admin.MapGet("/faults", () => Results.Json(faults.Statistics, FaultJson.Options));
        admin.MapPut("/faults", async (HttpRequest request) =>
        {
            var update = await Common.SimulatorJson.ReadBodyAsync<FaultSettings>(request, FaultJson.Options);
            faults.Apply(update);
            return Results.Json(faults.Statistics, FaultJson.Options);
        });
        admin.MapPost("/faults/reset", () =>
        {
            faults.Apply(new FaultSettings { LatencyMs = 0, LatencyJitterMs = 0, FailureRate = 0, FailNext = 0, RequestsPerSecond = 0 });
            faults.ResetStatistics();
            return Results.Json(faults.Statistics, FaultJson.Options);
        });
    }
}
