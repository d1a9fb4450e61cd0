using OrleansSync.Grains.ReferenceData;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Api.ReferenceData.Migration;

/// <summary>
/// Body of <c>POST /incentive/reference-data/migration</c>: the prisons whose levels to read from NOMIS (added to
/// ReferenceData:Migration:PrisonIds), level codes and other-privilege codes to read besides the hub's own (NOMIS cannot list them).
/// </summary>
public sealed record StartReferenceDataMigrationRequest(IReadOnlyList<string?>? PrisonIds, IReadOnlyList<string?>? LevelCodes, IReadOnlyList<string?>? PrivilegeCodes = null)
{
    /// <summary>More than any estate has; keeps one request from making a run of unbounded length.</summary>
    public const int MaxPrisons = 500;

    public const int MaxLevelCodes = 50;

    public const int MaxPrivilegeCodes = 100;

    /// <summary>Errors by field (<c>prisonIds[2]</c>); whether any prison is left to read is the grain's to say (it knows the configured ones).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(PrisonIds, "prisonIds", MaxPrisons, PrisonLevelKey.IsPrisonId, "Must be a prison id: 2 to 6 capital letters or digits.", errors);
        Check(LevelCodes, "levelCodes", MaxLevelCodes, PrisonLevelKey.IsLevelCode, "Must be a level code: 1 to 6 capital letters or digits.", errors);
        Check(PrivilegeCodes, "privilegeCodes", MaxPrivilegeCodes, OtherPrivilegeCode.IsValid, "Must be an other-privilege code: 1 to 12 capital letters, digits or underscores.", errors);
        return errors;
    }

    private static void Check(IReadOnlyList<string?>? values, string field, int max, Func<string?, bool> valid, string rule, Dictionary<string, string[]> errors)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > max)
        {
            errors[field] = [$"At most {max}."];
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!valid(values[i]))
            {
                errors[$"{field}[{i}]"] = [rule];
            }
        }
    }
}
