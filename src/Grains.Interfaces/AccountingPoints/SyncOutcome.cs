using System.Text.Json.Serialization;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>How one sync attempt ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncOutcome>))]
public enum SyncOutcome
{
    /// <summary>The adapter's timeline is now mirrored (possibly with no changes).</summary>
    [JsonStringEnumMemberName("synced")]
    Synced,

    /// <summary>The adapter answered 404: the datahub has no such accounting point.</summary>
    [JsonStringEnumMemberName("not_found")]
    NotFound,

    /// <summary>The adapter failed, or its data was rejected (unknown grid area or supplier, bad timeline); nothing was written.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>No adapter capacity within the limiter's wait; the sync is scheduled again shortly.</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,
}
