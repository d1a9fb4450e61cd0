namespace OrleansSync.Grains.Finance;

/// <summary>A tenure type code and its description (e.g. SEC, Secure).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountTenureType(string? Code, string? Description);
