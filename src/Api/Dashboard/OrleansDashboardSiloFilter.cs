using Microsoft.AspNetCore.Http;
using Orleans;
using Orleans.Runtime;
using OrleansSync.Api.Http;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// Checks the silo named in an Orleans Dashboard request (<c>/SiloCounters/{address}</c> and the like)
/// before the dashboard uses it. The dashboard parses the address inside a grain's constructor, so a
/// malformed one answered 500 with a stack trace, and a silo that is not in the cluster waited for a
/// call that cannot be answered. Here: a malformed address is a 400 naming the field, an unknown
/// silo a 404.
/// </summary>
internal sealed class OrleansDashboardSiloFilter(IGrainFactory grains) : IEndpointFilter
{
    // The dashboard's catch-all route values that carry a silo address.
    private static readonly string[] SiloRouteValues = ["address", "path"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var routeValues = context.HttpContext.Request.RouteValues;
        foreach (var name in SiloRouteValues)
        {
            if (routeValues.TryGetValue(name, out var value) && value is string address)
            {
                if (!TryParse(address, out var silo))
                {
                    return ApiProblems.Invalid(name, "Not a silo address: expected the dashboard's form 'S{ip}:{port}:{generation}'.");
                }

                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
                if (!hosts.ContainsKey(silo))
                {
                    return ApiProblems.NotFound("Unknown silo", $"No silo {silo} in this cluster's membership.");
                }
            }
        }

        return await next(context);
    }

    private static bool TryParse(string address, out SiloAddress silo)
    {
        try
        {
            silo = SiloAddress.FromParsableString(address);
            return true;
        }
        catch (FormatException)
        {
            silo = null!;
            return false;
        }
    }
}
