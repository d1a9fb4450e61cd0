namespace OrleansSync.Simulators.Tenure;

/// <summary>A coded value of the tenure domain: TenureType or AgreementType (<c>{"code":"SEC","description":"Secure"}</c>).</summary>
public sealed record TenureCodeDescription(string? Code, string? Description);
