namespace OrleansSync.Silo;

/// <summary>Co-hosts the external-system simulators for the default run (Silo:Simulators, on by default).</summary>
public static class SimulatorHosting
{
    public static WebApplicationBuilder AddSimulatorsWhenEnabled(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapSimulatorsWhenEnabled(this WebApplication app) => app;
}
