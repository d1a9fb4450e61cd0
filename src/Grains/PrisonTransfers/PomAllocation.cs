namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// A prisoner's primary POM (pom-allocation-detail-response.json: <c>{"manager":{"code":1234},"prison":{"code":"NEW"}}</c>);
/// the manager's name is optional, as the fixture has none.
/// </summary>
public sealed record PomAllocation(PomManager? Manager, PomPrison? Prison);

public sealed record PomManager(long Code, string? Forename, string? Surname, string? Name)
{
    /// <summary>The POM's user id here: the staff code, as text.</summary>
    public string UserId => Code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string DisplayName =>
        Name is { Length: > 0 } name ? name
        : $"{Forename} {Surname}".Trim() is { Length: > 0 } full ? full
        : $"Staff {UserId}";
}

public sealed record PomPrison(string? Code);
