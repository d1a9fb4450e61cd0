using System.Text.Json.Serialization;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>Controllable unit statuses as in FIS; every status but terminated makes its accounting point tracked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControllableUnitStatus>))]
public enum ControllableUnitStatus
{
    [JsonStringEnumMemberName("new")]
    New,

    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("inactive")]
    Inactive,

    [JsonStringEnumMemberName("terminated")]
    Terminated,
}

public static class ControllableUnitStatuses
{
    public static IReadOnlyList<string> Names { get; } = ["new", "active", "inactive", "terminated"];

    public static string Name(ControllableUnitStatus status) => Names[(int)status];

    public static bool TryParse(string? name, out ControllableUnitStatus status)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                status = (ControllableUnitStatus)i;
                return true;
            }
        }

        status = default;
        return false;
    }
}
