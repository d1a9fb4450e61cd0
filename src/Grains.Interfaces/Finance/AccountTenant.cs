namespace OrleansSync.Grains.Finance;

/// <summary>One of the tenure's household members, as the account lists them (all members, not only the responsible ones: contracts §3).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountTenant(Guid Id, string FullName);
