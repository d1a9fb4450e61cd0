using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.InterimFinance;

/// <summary>Options of the interim finance API simulator (bind from "Simulators:InterimFinance").</summary>
public sealed class InterimFinanceSimulatorOptions
{
    /// <summary>The key the hub's push client sends by default when both run in the default process.</summary>
    public const string DevelopmentApiKey = "interim-finance-dev-key";

    /// <summary>The contract endpoints demand <c>Authorization: Bearer {key}</c> (401 otherwise); null or empty turns auth off.</summary>
    public string? RequiredBearerToken { get; set; } = DevelopmentApiKey;

    public FaultInjectionOptions Faults { get; set; } = new();
}
