namespace OrleansSync.Api.AccountingPoints;

/// <summary>Answer to <c>POST /accounting-points/{gsrn}/sync?wait=false</c>: the sync is scheduled for <see cref="DueAt"/>.</summary>
public sealed record SyncAccepted(string Gsrn, DateTimeOffset? DueAt);
