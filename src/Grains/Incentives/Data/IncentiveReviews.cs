namespace OrleansSync.Grains.Incentives.Data;

/// <summary>incentive_review (IncentiveReviews.sql).</summary>
internal static class IncentiveReviews
{
    private const string File = nameof(IncentiveReviews);

    public static Task<ReviewRow?> GetAsync(Db db, long id) => db.SingleAsync(File, "GetById", ReviewRow.Read, id);

    public static Task<List<ReviewRow>> ListByBookingAsync(Db db, long bookingId) => db.ListAsync(File, "ListByBooking", ReviewRow.Read, bookingId);

    /// <summary>The prisoner's latest booking DPS knows of, with the prison of its newest review.</summary>
    public static async Task<(long BookingId, string PrisonId)?> LatestBookingAsync(Db db, string prisonerNumber)
    {
        var rows = await db.ListAsync(File, "LatestBooking", r => (r.GetInt64(0), r.GetString(1)), prisonerNumber);
        return rows.Count == 0 ? null : rows[0];
    }

    public static Task<string?> PrisonerOfAsync(Db db, long id) => db.ScalarAsync<string>(File, "PrisonerOf", id);

    public static async Task<long> InsertAsync(Db db, NewReview review)
    {
        if (review.Current)
        {
            await db.ExecuteAsync(File, "ClearCurrent", review.BookingId, 0L);
        }

        return await db.ScalarAsync<long>(File, "Insert",
            review.PrisonerNumber, review.BookingId, review.ReviewTime, review.LevelCode, review.ReviewType, review.Comment,
            review.PrisonId, review.ReviewedBy, review.Current, review.AuditModuleName, review.Origin);
    }

    /// <summary>Applies what NOMIS now says about the IEP a review mirrors; true when something changed.</summary>
    public static async Task<bool> UpdateFromNomisAsync(Db db, long id, NomisIncentive incentive) =>
        await db.ScalarAsync<long>(File, "UpdateFromNomis", id, incentive.ReviewTime, incentive.IepLevel.Code,
            string.IsNullOrEmpty(incentive.CommentText) ? null : incentive.CommentText, incentive.PrisonId, incentive.UserId) == id;

    public static Task DeleteAsync(Db db, long id) => db.ExecuteAsync(File, "Delete", id);

    /// <summary>Makes <paramref name="id"/> the booking's only current review; true when that changed anything.</summary>
    public static async Task<bool> MakeCurrentAsync(Db db, long bookingId, long id)
    {
        var cleared = await db.ExecuteAsync(File, "ClearCurrent", bookingId, id);
        var set = await db.ExecuteAsync(File, "MakeCurrent", id);
        return cleared + set > 0;
    }

    public static async Task<Dictionary<long, string>> CurrentLevelsAsync(Db db, long[] bookingIds) =>
        (await db.ListAsync(File, "CurrentLevels", r => (BookingId: r.GetInt64(0), Level: r.GetString(1)), bookingIds))
        .ToDictionary(x => x.BookingId, x => x.Level);

    /// <summary>The booking's current review with its history (when asked for); null when none is current.</summary>
    public static async Task<IncentiveReviewSummary?> SummaryAsync(Db db, long bookingId, bool withDetails, DateOnly today)
    {
        var reviews = await ListByBookingAsync(db, bookingId);
        var current = reviews.FirstOrDefault(r => r.Current);
        if (current is null)
        {
            return null;
        }

        var date = DateOnly.FromDateTime(current.ReviewTime);
        return new IncentiveReviewSummary(
            current.Id,
            current.LevelCode,
            IncentiveLevels.NameOf(current.LevelCode),
            current.PrisonerNumber,
            current.BookingId,
            date,
            current.ReviewTime,
            current.LocationId,
            withDetails ? [.. reviews.Select(r => r.ToDetail())] : [],
            NextReviewDate(current.LevelCode, date),
            today.DayNumber - date.DayNumber);
    }

    public static Task<List<IncentiveSyncEntry>> SyncStatusAsync(Db db, string prisonerNumber) =>
        db.ListAsync(File, "SyncStatus", r => new IncentiveSyncEntry(
            r.GetInt64(0),
            r.GetInt64(1),
            r.GetString(2),
            r.GetDateTime(3),
            r.GetBoolean(4),
            r.GetString(5),
            r.IsDBNull(6) ? null : new IncentiveMapping(r.GetInt64(6), r.GetInt64(7), r.GetInt64(0), r.IsDBNull(9) ? null : r.GetString(9), r.GetString(8), r.GetFieldValue<DateTimeOffset>(10)),
            r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetInt64(12),
            r.IsDBNull(13) ? null : r.GetInt64(13),
            r.IsDBNull(14) ? null : r.GetString(14)), prisonerNumber);

    /// <summary>
    /// When the next review is due. A simplification of incentives-api's NextReviewDateService: 28 days
    /// after a review on Basic (which must be reviewed soon), a year after any other.
    /// </summary>
    public static DateOnly NextReviewDate(string levelCode, DateOnly reviewDate) =>
        levelCode == "BAS" ? reviewDate.AddDays(28) : reviewDate.AddYears(1);
}
