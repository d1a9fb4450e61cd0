namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// A CAS2 application to create for the grain's prisoner. The id is the caller's, so a create that
/// timed out can be sent again without creating a second application.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewCas2Application(Guid Id, string Crn, string PersonName, string CreatedByUserId, string CreatedByUserName, string ReferringPrisonCode);
