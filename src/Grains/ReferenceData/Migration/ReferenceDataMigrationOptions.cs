namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>Pace and scope of a reference-data migration run (section ReferenceData:Migration).</summary>
public sealed class ReferenceDataMigrationOptions
{
    public const string SectionName = "ReferenceData:Migration";

    public static readonly TimeSpan TickIntervalDefault = TimeSpan.FromSeconds(1);

    /// <summary>A tick stops taking new prisons after this long, well inside the grain call timeout; the next tick continues.</summary>
    public static readonly TimeSpan StepBudgetDefault = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A step NOMIS fails this many ticks in a row is given up: its rows are listed as failed and the run goes on
    /// (a minute of failures at the default tick; a second run takes them again).
    /// </summary>
    public const int MaxAttemptsDefault = 60;

    /// <summary>Period of the reminder that drives a run (and resumes it after a restart).</summary>
    public TimeSpan TickInterval { get; set; } = TickIntervalDefault;

    public TimeSpan StepBudget { get; set; } = StepBudgetDefault;

    public int MaxAttempts { get; set; } = MaxAttemptsDefault;

    /// <summary>Prisons every run reads, besides those its request names (NOMIS has no list of prisons' levels).</summary>
    public List<string> PrisonIds { get; set; } = [];

    /// <summary>Fails start-up with every problem named.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (TickInterval <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:TickInterval must be positive.");
        }

        if (StepBudget <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:StepBudget must be positive.");
        }

        if (MaxAttempts < 1)
        {
            problems.Add($"{SectionName}:MaxAttempts must be at least 1.");
        }

        for (var i = 0; i < PrisonIds.Count; i++)
        {
            if (!PrisonLevelKey.IsPrisonId(PrisonIds[i]))
            {
                problems.Add($"{SectionName}:PrisonIds:{i} '{PrisonIds[i]}' is not a prison id (2 to 6 capital letters or digits).");
            }
        }

        return problems;
    }
}
