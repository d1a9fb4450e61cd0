using System.Globalization;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>incentive_nomis_write (IncentiveNomisWrites.sql): the NOMIS row a DPS review was written to.</summary>
internal static class IncentiveNomisWrites
{
    public const string MappingPending = "MAPPING_PENDING";
    public const string Mapped = "MAPPED";
    public const string MappingConflict = "MAPPING_CONFLICT";

    private const string File = nameof(IncentiveNomisWrites);

    public static Task<NomisWriteRow?> GetAsync(Db db, long incentiveId) =>
        db.SingleAsync(File, "Get", r => new NomisWriteRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)), incentiveId);

    public static Task UpsertAsync(Db db, long incentiveId, long bookingId, long sequence, string status, string? detail) =>
        db.ExecuteAsync(File, "Upsert", incentiveId, bookingId, sequence, status, detail);

    /// <summary>Bounds lock waits for the rest of the transaction (PostgreSQL lock_timeout, transaction-local).</summary>
    public static Task SetLockTimeoutAsync(Db db, TimeSpan timeout) =>
        db.ExecuteAsync(File, "SetLockTimeout", Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
}

internal sealed record NomisWriteRow(long IncentiveId, long NomisBookingId, long NomisSequence, string Status, string? Detail);
