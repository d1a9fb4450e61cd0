using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.AccountingPoints;

public static class AccountingPointsServiceCollectionExtensions
{
    /// <summary>
    /// Adapters and options the accounting point grains need: options from the "AccountingPoints"
    /// section (validated at start-up), the datahub adapter's typed HTTP client, the limiter, the
    /// metrics and the starters of the sweeper and the resync shards. Without AccountingPoints:AdapterBaseUrl the adapter is the
    /// co-hosted simulator at {Silo:Address}/sim/datahub with its default key.
    /// </summary>
    public static IServiceCollection AddAccountingPoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountingPointsOptions>()
            .Bind(configuration.GetSection(AccountingPointsOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.AdapterBaseUrl))
                {
                    var silo = configuration["Silo:Address"] ?? "http://127.0.0.1:5080";
                    options.AdapterBaseUrl = silo.TrimEnd('/') + AccountingPointsOptions.SimulatorPath;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountingPointsOptions>, AccountingPointsOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<AccountingPointsMetrics>();
        services.TryAddSingleton<SyncLimiter>();
        services.TryAddSingleton<DatahubAdapterTransport>();
        services.AddHttpClient<DatahubAdapterClient>((sp, client) =>
            {
                // A trailing slash makes relative URIs append to the base path (…/sim/datahub/accounting_point/…).
                var options = sp.GetRequiredService<IOptions<AccountingPointsOptions>>().Value;
                client.BaseAddress = new Uri(options.AdapterBaseUrl!.TrimEnd('/') + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // per attempt and in total: the client's pipeline
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new DatahubAdapterPrimaryHandler(sp.GetRequiredService<DatahubAdapterTransport>()));
        services.AddHostedService<AccountingPointSyncMonitorStarter>();
        services.AddHostedService<AccountingPointResyncShardsStarter>();
        return services;
    }

    /// <summary>Names every invalid setting in the start-up failure.</summary>
    private sealed class AccountingPointsOptionsValidator : IValidateOptions<AccountingPointsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountingPointsOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
