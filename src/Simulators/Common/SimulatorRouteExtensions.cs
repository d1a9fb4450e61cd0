namespace OrleansSync.Simulators.Common;

internal static class SimulatorRouteExtensions
{
    /// <summary>Maps <see cref="SimulatorException"/> thrown by handlers to problem responses.</summary>
    public static TBuilder WithSimulatorErrors<TBuilder>(this TBuilder builder, bool hmppsShape)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (SimulatorException ex)
            {
                return hmppsShape
                    ? SimulatorProblems.Hmpps(ex.StatusCode, ex.Title, ex.Message)
                    : SimulatorProblems.Problem(ex.StatusCode, ex.Title, ex.Message);
            }
        });
        return builder;
    }

    /// <summary>
    /// Shared-secret bearer check. A null or empty <paramref name="expectedToken"/> turns the check off.
    /// Evaluated per request so a test can change the key at runtime through the options object.
    /// </summary>
    public static TBuilder WithBearerToken<TBuilder>(this TBuilder builder, Func<string?> expectedToken)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var expected = expectedToken();
            if (string.IsNullOrEmpty(expected))
            {
                return await next(context);
            }

            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            const string scheme = "Bearer ";
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(header[scheme.Length..].Trim(), expected, StringComparison.Ordinal))
            {
                return await next(context);
            }

            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return SimulatorProblems.Problem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                string.IsNullOrEmpty(header) ? "A bearer token is required." : "The bearer token is not valid.");
        });
        return builder;
    }
}
