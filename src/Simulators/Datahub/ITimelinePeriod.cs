namespace OrleansSync.Simulators.Datahub;

/// <summary>One entry of a time-dependent list: valid over [ValidFrom, ValidTo), open-ended when ValidTo is null.</summary>
public interface ITimelinePeriod
{
    DateTimeOffset ValidFrom { get; }

    DateTimeOffset? ValidTo { get; }

    /// <summary>The same value over a different validity range (used when splicing a change into a timeline).</summary>
    ITimelinePeriod WithValidity(DateTimeOffset validFrom, DateTimeOffset? validTo);
}
