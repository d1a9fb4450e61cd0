using System.Text.Json.Serialization;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Why an accounting point was synced; a tag on the sync metrics and logs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncTrigger>))]
public enum SyncTrigger
{
    /// <summary>A lookup of a point the system did not hold yet.</summary>
    [JsonStringEnumMemberName("lookup")]
    Lookup,

    /// <summary>An operator asked for it (POST /accounting-points/{gsrn}/sync).</summary>
    [JsonStringEnumMemberName("manual")]
    Manual,

    /// <summary>A controllable unit was registered for a point that had not been fetched (or needs an earlier start).</summary>
    [JsonStringEnumMemberName("controllable_unit")]
    ControllableUnit,

    /// <summary>The background resync reminder.</summary>
    [JsonStringEnumMemberName("schedule")]
    Schedule,

    /// <summary>A thin change event from the datahub.</summary>
    [JsonStringEnumMemberName("event")]
    Event,

    /// <summary>A retry after a failed sync (backoff per point).</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>A sync that started and never finished was found by the sweeper.</summary>
    [JsonStringEnumMemberName("dead_sync_recovery")]
    DeadSyncRecovery,
}
