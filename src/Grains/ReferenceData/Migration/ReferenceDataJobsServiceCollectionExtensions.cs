using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Grains.ReferenceData.Reconciliation;

namespace OrleansSync.Grains.ReferenceData.Migration;

public static class ReferenceDataJobsServiceCollectionExtensions
{
    /// <summary>
    /// The reference-data jobs: the migration's options (ReferenceData:Migration) and the reconciliation's
    /// (ReferenceData:Reconciliation), both validated at start-up, and the start-up task that registers the scheduled reconciliation.
    /// </summary>
    public static IServiceCollection AddReferenceDataJobs(this IServiceCollection services)
    {
        services.AddOptions<ReferenceDataMigrationOptions>().BindConfiguration(ReferenceDataMigrationOptions.SectionName)
            .Validate(options => Valid(options.Problems(), "reference-data migration")).ValidateOnStart();
        services.AddOptions<ReferenceDataReconciliationOptions>().BindConfiguration(ReferenceDataReconciliationOptions.SectionName)
            .Validate(options => Valid(options.Problems(), "reference-data reconciliation")).ValidateOnStart();
        services.AddHostedService<ReferenceDataReconciliationStartup>();
        return services;
    }

    private static bool Valid(IReadOnlyList<string> problems, string what) =>
        problems.Count == 0 ? true : throw new InvalidOperationException($"Invalid {what} configuration: {string.Join(" ", problems)}");
}
