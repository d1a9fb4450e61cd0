using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>The named queries of Cas2Applications.sql, Cas2Assignments.sql and Cas2TransferPending.sql.</summary>
internal static class Cas2ApplicationRows
{
    private const string Applications = "Cas2Applications";
    private const string Assignments = "Cas2Assignments";
    private const string Pending = "Cas2TransferPending";

    public static async Task<bool> InsertAsync(Db db, string nomsNumber, NewCas2Application application, DateTimeOffset now) =>
        await db.ScalarAsync<Guid>(Applications, "Insert", application.Id, nomsNumber, application.Crn, application.PersonName,
            application.CreatedByUserId, application.CreatedByUserName, application.ReferringPrisonCode, now) != Guid.Empty;

    public static async Task<Cas2ApplicationSummary?> GetAsync(Db db, Guid id) =>
        (await db.ListAsync(Applications, "Get", ReadSummary, id)).FirstOrDefault().Summary;

    /// <summary>The application with its referring prison, assignments and timeline, or null.</summary>
    public static async Task<Cas2Application?> GetDetailAsync(Db db, Guid id)
    {
        var rows = await db.ListAsync(Applications, "Get", reader => (Summary: ReadSummary(reader).Summary, Referring: reader.GetString(6)), id);
        if (rows.Count == 0)
        {
            return null;
        }

        var (summary, referring) = rows[0];
        var assignments = await AssignmentsAsync(db, id);
        return new Cas2Application(summary, referring, assignments, Cas2Timeline.Of(summary, assignments));
    }

    public static async Task<bool> SubmitAsync(Db db, Guid id, DateTimeOffset now) =>
        await db.ScalarAsync<Guid>(Applications, "Submit", id, now) != Guid.Empty;

    public static Task<List<Guid>> SubmittedOfPrisonerAsync(Db db, string nomsNumber) =>
        db.ListAsync(Applications, "SubmittedOfPrisoner", reader => reader.GetGuid(0), nomsNumber);

    public static Task<List<Guid>> MoveToPrisonerAsync(Db db, string removedNomsNumber, string nomsNumber) =>
        db.ListAsync(Applications, "MoveToPrisoner", reader => reader.GetGuid(0), removedNomsNumber, nomsNumber);

    public static async Task<Cas2ApplicationPage> ListAsync(Db db, Cas2ApplicationQuery query)
    {
        var rows = await db.ListAsync(Applications, "List", ReadSummary,
            query.AssignmentType, query.UserId, query.PrisonCode, query.PageSize, (query.Page - 1) * query.PageSize);
        return new Cas2ApplicationPage([.. rows.Select(r => r.Summary)], query.Page, query.PageSize, rows.Count > 0 ? rows[0].Total : 0);
    }

    public static Task<string?> MergedIntoAsync(Db db, string removedNomsNumber) =>
        db.ScalarAsync<string>(Applications, "HasMerged", removedNomsNumber);

    public static Task<int> RecordMergeAsync(Db db, string removedNomsNumber, string nomsNumber, int moved, DateTimeOffset now) =>
        db.ExecuteAsync(Applications, "RecordMerge", removedNomsNumber, nomsNumber, moved, now);

    public static Task<int> InsertAssignmentAsync(Db db, Guid applicationId, string prisonCode, string? pomUserId, string? pomName, DateTimeOffset now) =>
        db.ExecuteAsync(Assignments, "Insert", applicationId, prisonCode, pomUserId, pomName, now);

    public static async Task<Cas2Assignment?> CurrentAssignmentAsync(Db db, Guid applicationId) =>
        (await db.ListAsync(Assignments, "Current", ReadAssignment, applicationId)).FirstOrDefault();

    public static Task<List<Cas2Assignment>> AssignmentsAsync(Db db, Guid applicationId) =>
        db.ListAsync(Assignments, "OfApplication", ReadAssignment, applicationId);

    public static async Task<TransfersStatus> StatusAsync(Db db, long failing, int pendingListed)
    {
        var counts = (await db.ListAsync(Applications, "Counts", reader => (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)))).Single();
        var applied = (await db.ListAsync(Assignments, "Applied", reader => (
            reader.GetInt64(0), reader.GetInt64(1),
            reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3)))).Single();
        var pendingCount = await db.ScalarAsync<long>(Pending, "Count");
        var pending = await db.ListAsync(Pending, "List", reader => new TransferPending(
            reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)), pendingListed);
        return new TransfersStatus(counts.Item1, counts.Item2, applied.Item1, applied.Item2, counts.Item3, pendingCount, failing, applied.Item3, applied.Item4, pending);
    }

    public static Task<int> RecordPendingAsync(Db db, string nomsNumber, string eventType, string error, DateTimeOffset now) =>
        db.ExecuteAsync(Pending, "Record", nomsNumber, eventType, error, now);

    public static Task<int> ClearPendingAsync(Db db, string nomsNumber) => db.ExecuteAsync(Pending, "Clear", nomsNumber);

    private static (Cas2ApplicationSummary Summary, long Total) ReadSummary(NpgsqlDataReader reader) => (new Cas2ApplicationSummary(
        Cas2ApplicationSummary.Cas2Type,
        reader.GetGuid(0),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(7),
        reader.GetString(3),
        reader.GetString(2),
        reader.GetString(1),
        AllocatedPomUserId: reader.IsDBNull(11) ? null : reader.GetString(11),
        AllocatedPomName: reader.IsDBNull(12) ? null : reader.GetString(12),
        AssignmentDate: reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        SubmittedAt: reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        CurrentPrisonCode: reader.IsDBNull(10) ? null : reader.GetString(10),
        IsTransferredApplication: reader.GetBoolean(14)), reader.GetInt64(15));

    private static Cas2Assignment ReadAssignment(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3));
}
