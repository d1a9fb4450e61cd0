using System.Text.Json.Serialization;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>What registering a unit did, and what its accounting point did about it.</summary>
/// <param name="Unit">The unit as stored (the existing one on a conflict).</param>
/// <param name="AccountingPoint">The point's tracking result: its status and the fetch it ran, if any.</param>
/// <param name="Error">Why it was refused (conflict, invalid).</param>
[GenerateSerializer, Immutable]
public sealed record ControllableUnitRegistrationResult(
    ControllableUnitRegistrationOutcome Outcome,
    ControllableUnit? Unit,
    TrackingResult? AccountingPoint,
    string? Error);

[JsonConverter(typeof(JsonStringEnumConverter<ControllableUnitRegistrationOutcome>))]
public enum ControllableUnitRegistrationOutcome
{
    [JsonStringEnumMemberName("created")]
    Created,

    [JsonStringEnumMemberName("updated")]
    Updated,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>The unit exists on another accounting point.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    [JsonStringEnumMemberName("invalid")]
    Invalid,
}
