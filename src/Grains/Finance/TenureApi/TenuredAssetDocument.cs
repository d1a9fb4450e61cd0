namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>The tenure's property.</summary>
public sealed record TenuredAssetDocument(Guid? Id, string? FullAddress, string? PropertyReference);
