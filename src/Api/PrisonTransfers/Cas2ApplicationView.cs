using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Api.PrisonTransfers;

/// <summary>An application as <c>GET /cas2/applications/{id}</c> answers: the summary fields, the referring prison, the assignments and the timeline.</summary>
public sealed record Cas2ApplicationView(
    string Type,
    Guid Id,
    DateTimeOffset CreatedAt,
    string CreatedByUserId,
    string CreatedByUserName,
    string Status,
    string PersonName,
    string Crn,
    string NomsNumber,
    string ReferringPrisonCode,
    string? CurrentPrisonCode,
    string? AllocatedPomUserId,
    string? AllocatedPomName,
    DateTimeOffset? AssignmentDate,
    DateTimeOffset? SubmittedAt,
    bool IsTransferredApplication,
    IReadOnlyList<Cas2Assignment> Assignments,
    IReadOnlyList<Cas2TimelineEvent> TimelineEvents)
{
    public static Cas2ApplicationView Of(Cas2Application application)
    {
        var s = application.Summary;
        return new(s.Type, s.Id, s.CreatedAt, s.CreatedByUserId, s.CreatedByUserName, s.Status, s.PersonName, s.Crn, s.NomsNumber,
            application.ReferringPrisonCode, s.CurrentPrisonCode, s.AllocatedPomUserId, s.AllocatedPomName, s.AssignmentDate, s.SubmittedAt,
            s.IsTransferredApplication, application.Assignments, application.Timeline);
    }
}
