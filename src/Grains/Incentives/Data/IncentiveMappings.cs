using Npgsql;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>incentive_mapping (IncentiveMappings.sql).</summary>
internal static class IncentiveMappings
{
    private const string File = nameof(IncentiveMappings);

    public static Task<IncentiveMapping?> ByIncentiveIdAsync(Db db, long incentiveId) => db.SingleAsync(File, "ByIncentiveId", Read, incentiveId);

    public static Task<IncentiveMapping?> ByNomisIdsAsync(Db db, long bookingId, long sequence) => db.SingleAsync(File, "ByNomisIds", Read, bookingId, sequence);

    /// <summary>
    /// Records a mapping. Mapping the same pair again is a no-op; a pair whose either side is mapped
    /// otherwise is a conflict (the mapping service's 409), described in <see cref="MappingWrite.Conflict"/>.
    /// </summary>
    public static async Task<MappingWrite> TryInsertAsync(Db db, long incentiveId, long bookingId, long sequence, string mappingType, string? label)
    {
        if (await db.ScalarAsync<long>(File, "Insert", incentiveId, bookingId, sequence, mappingType, label) == incentiveId)
        {
            return MappingWrite.Recorded;
        }

        var existing = await ByIncentiveIdAsync(db, incentiveId) ?? await ByNomisIdsAsync(db, bookingId, sequence);
        if (existing is { } same && same.IncentiveId == incentiveId && same.NomisBookingId == bookingId && same.NomisIncentiveSequence == sequence)
        {
            return MappingWrite.Recorded;
        }

        return new MappingWrite(false, FormattableString.Invariant(
            $"Conflict: incentive mapping already exists. duplicate: incentiveId={incentiveId}, nomisBookingId={bookingId}, nomisIncentiveSequence={sequence}, mappingType={mappingType}; existing: incentiveId={existing?.IncentiveId}, nomisBookingId={existing?.NomisBookingId}, nomisIncentiveSequence={existing?.NomisIncentiveSequence}, mappingType={existing?.MappingType}"));
    }

    /// <summary>The DPS review a NOMIS IEP is: mapped, or written by the DPS→NOMIS sync and awaiting its mapping.</summary>
    public static async Task<long?> ReviewOfNomisIdsAsync(Db db, long bookingId, long sequence)
    {
        var rows = await db.ListAsync(File, "ReviewOfNomisIds", r => r.GetInt64(0), bookingId, sequence);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Which of the keys are mapped, with the label (migration id) of each mapping.</summary>
    public static async Task<Dictionary<(long BookingId, long Sequence), string?>> MappedAmongAsync(Db db, IReadOnlyCollection<NomisIncentiveId> keys)
    {
        var rows = await db.ListAsync(File, "MappedAmong", r => (Key: (r.GetInt64(0), r.GetInt64(1)), Label: r.IsDBNull(2) ? null : r.GetString(2)),
            keys.Select(k => k.BookingId).ToArray(), keys.Select(k => k.Sequence).ToArray());
        return rows.ToDictionary(x => x.Key, x => x.Label);
    }

    private static IncentiveMapping Read(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5));
}

/// <summary>The outcome of a mapping write: recorded (now or already), or a conflict that is reported and not retried.</summary>
internal sealed record MappingWrite(bool Ok, string? Conflict)
{
    public static readonly MappingWrite Recorded = new(true, null);
}
