namespace OrleansSync.Grains.ReferenceData.Data;

/// <summary>A row of incentive_level.</summary>
internal sealed record LevelRow(string Code, string Name, bool Active, bool Required, int Sequence)
{
    public IncentiveLevel ToLevel() => new(Code, Name, Active, Required);
}
