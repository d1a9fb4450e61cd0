namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>A tenure type: code and description.</summary>
public sealed record TenureCode(string? Code, string? Description);
