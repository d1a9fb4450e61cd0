using OrleansSync.Api.Security;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.InterimFinance;
using OrleansSync.Simulators.Nomis;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Silo;

/// <summary>
/// Co-hosts the external-system simulators under /sim for the default run (Silo:Simulators, on by
/// default), so a newcomer sees the whole system working with nothing else installed. Settings come
/// from the "Simulators:Nomis" and "Simulators:Datahub" sections; production turns Silo:Simulators off.
/// </summary>
public static class SimulatorHosting
{
    public static WebApplicationBuilder AddSimulatorsWhenEnabled(this WebApplicationBuilder builder)
    {
        if (!Enabled(builder.Configuration))
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
        if (Enabled(app.Configuration))
        {
            app.MapNomisSimulator();
            app.MapDatahubAdapterSimulator();
            app.MapTenureSimulator();
            app.MapInterimFinanceSimulator();
        }

        return app;
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

    private static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{SiloOptions.SectionName}:Simulators", true);
}
