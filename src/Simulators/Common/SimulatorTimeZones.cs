namespace OrleansSync.Simulators.Common;

/// <summary>IANA zones the external systems work in (tzdata ships with Debian and the .NET runtime uses it).</summary>
internal static class SimulatorTimeZones
{
    /// <summary>Elhub/FIS aligns valid-time bounds to midnight in Europe/Oslo.</summary>
    public static TimeZoneInfo Oslo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>NOMIS stores zone-less local timestamps in UK time.</summary>
    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
