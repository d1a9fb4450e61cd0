using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Nomis;

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

        builder.Services.AddNomisSimulator(options => builder.Configuration.GetSection("Simulators:Nomis").Bind(options));
        builder.Services.AddDatahubAdapterSimulator(options => builder.Configuration.GetSection("Simulators:Datahub").Bind(options));
        return builder;
    }

    public static WebApplication MapSimulatorsWhenEnabled(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapNomisSimulator();
            app.MapDatahubAdapterSimulator();
        }

        return app;
    }

    private static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{SiloOptions.SectionName}:Simulators", true);
}
