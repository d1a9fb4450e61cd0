using Microsoft.AspNetCore.Authorization;
using OrleansSync.Api.Security;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.InterimFinance;
using OrleansSync.Simulators.Nomis;
using OrleansSync.Simulators.PrisonTransfers;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Silo;

/// <summary>
/// Co-hosts the external-system simulators under /sim, so a newcomer sees the whole system working
/// with nothing else installed. Silo:Simulators decides; unset, they are on for the default run (the
/// embedded PostgreSQL) and in Development only, because their admin endpoints post events into the
/// hub and reset state. Those endpoints (every simulator's <c>{prefix}/admin/...</c>) require an
/// operator token unless Simulators:RequireToken is false. Settings come from the
/// "Simulators:Nomis", "Simulators:Transfers", "Simulators:Datahub", "Simulators:Tenure" and
/// "Simulators:InterimFinance" sections.
/// </summary>
public static class SimulatorHosting
{
    public const string RequireTokenKey = "Simulators:RequireToken";

    public static WebApplicationBuilder AddSimulatorsWhenEnabled(this WebApplicationBuilder builder, bool embeddedPostgres)
    {
        var enabled = builder.Configuration.GetValue<bool?>($"{SiloOptions.SectionName}:{nameof(SiloOptions.Simulators)}")
            ?? (embeddedPostgres || builder.Environment.IsDevelopment());
        if (!enabled)
        {
            return builder;
        }

        // NOMIS' offender events go to this host's own ingestion endpoint, with a token minted by its own gateway.
        var siloAddress = (builder.Configuration[$"{SiloOptions.SectionName}:{nameof(SiloOptions.Address)}"] ?? new SiloOptions().Address).TrimEnd('/');
        builder.Services.AddNomisSimulator(options =>
        {
            options.EventsUrl = $"{siloAddress}/events/offender-events";
            builder.Configuration.GetSection("Simulators:Nomis").Bind(options);
        });
        builder.Services.AddOptions<NomisSimulatorOptions>().Configure<IServiceProvider>((options, services) =>
            options.EventsBearerTokenProvider ??= GatewayToken(services, "nomis-simulator"));
        builder.Services.AddTransfersSimulators(options =>
        {
            options.EventsUrl = $"{siloAddress}/events/domain-events";
            options.PublicBaseUrl = siloAddress;
            builder.Configuration.GetSection("Simulators:Transfers").Bind(options);
        });
        builder.Services.AddOptions<TransfersSimulatorOptions>().Configure<IServiceProvider>((options, services) =>
            options.EventsBearerTokenProvider ??= GatewayToken(services, "transfers-simulator"));
        builder.Services.AddDatahubAdapterSimulator(options => builder.Configuration.GetSection("Simulators:Datahub").Bind(options));
        builder.Services.AddTenureSimulator(options =>
        {
            options.EventsUrl = $"{siloAddress}/events/tenure";
            builder.Configuration.GetSection("Simulators:Tenure").Bind(options);
        });
        builder.Services.AddOptions<TenureSimulatorOptions>().Configure<IServiceProvider>((options, services) =>
            options.EventsBearerTokenProvider ??= GatewayToken(services, "tenure-simulator"));
        builder.Services.AddInterimFinanceSimulator(options => builder.Configuration.GetSection("Simulators:InterimFinance").Bind(options));
        return builder;
    }

    public static WebApplication MapSimulatorsWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetService<NomisSimulator>() is null)
        {
            return app;
        }

        var simulators = app.MapGroup(string.Empty);
        if (app.Configuration.GetValue(RequireTokenKey, true))
        {
            ((IEndpointConventionBuilder)simulators).Add(RequireOperatorOnAdminEndpoints);
        }

        simulators.MapNomisSimulator();
        simulators.MapDatahubAdapterSimulator();
        simulators.MapTransfersSimulators();
        simulators.MapTenureSimulator();
        simulators.MapInterimFinanceSimulator();
        return app;
    }

    /// <summary>The contract endpoints keep each simulator's own bearer token (the hub's adapters use it); the admin ones take the hub's.</summary>
    private static void RequireOperatorOnAdminEndpoints(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.Contains("/admin", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AuthorizeAttribute(ApiPolicies.Write));
        }
    }

    /// <summary>An operator token of this host's gateway (it posts events), minted lazily and renewed well before it expires.</summary>
    private static Func<string?> GatewayToken(IServiceProvider services, string subject)
    {
        var gate = new Lock();
        string? token = null;
        var renewAt = DateTimeOffset.MinValue;
        return () =>
        {
            lock (gate)
            {
                var now = TimeProvider.System.GetUtcNow();
                if (token is null || now >= renewAt)
                {
                    token = DevTokens.Create(services, ApiRoles.Operator, subject, DevTokens.DefaultLifetime);
                    renewAt = now + (DevTokens.DefaultLifetime / 2);
                }

                return token;
            }
        };
    }
}
