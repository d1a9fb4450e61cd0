using System.Text.Json.Serialization;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Where a point's sync stands, derived from its sync row by the SQL function
/// <c>accounting_point_sync_state</c> (one definition for single points and the summary). First match wins:
/// dead, syncing, failing, retrying, never synced, stale, synced.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncState>))]
public enum SyncState
{
    /// <summary>Started more than the dead-sync threshold ago and never finished.</summary>
    [JsonStringEnumMemberName("dead")]
    Dead,

    /// <summary>A sync is running now.</summary>
    [JsonStringEnumMemberName("syncing")]
    Syncing,

    /// <summary>At least the configured number of consecutive failures.</summary>
    [JsonStringEnumMemberName("failing")]
    Failing,

    /// <summary>The last attempt failed; a retry is scheduled.</summary>
    [JsonStringEnumMemberName("retrying")]
    Retrying,

    /// <summary>Never synced successfully and no failure recorded yet.</summary>
    [JsonStringEnumMemberName("never_synced")]
    NeverSynced,

    /// <summary>The last successful sync is older than the maximum age.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>Synced within the maximum age.</summary>
    [JsonStringEnumMemberName("synced")]
    Synced,
}

public static class SyncStates
{
    /// <summary>The SQL function's names, in <see cref="SyncState"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dead", "syncing", "failing", "retrying", "never_synced", "stale", "synced"];

    public static SyncState Parse(string name) => (SyncState)IndexOf(name);

    public static string Name(SyncState state) => Names[(int)state];

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown sync state '{name}'.", nameof(name));
    }
}
