using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Finance.InterimFinance;
using OrleansSync.Grains.Finance.TenureApi;

namespace OrleansSync.Grains.Finance;

public static class FinanceServiceCollectionExtensions
{
    /// <summary>
    /// What the finance grains need: options from "Finance" (validated at start-up), the tenure API and
    /// interim finance clients, and the start-up task. Unset base URLs are the co-hosted simulators under
    /// {Silo:Address}; the workbook's folder defaults to {Silo:DataDirectory}/finance.
    /// </summary>
    public static IServiceCollection AddFinance(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FinanceOptions.SectionName);
        services.AddOptions<FinanceOptions>()
            .Bind(section)
            .PostConfigure(options =>
            {
                var silo = (configuration["Silo:Address"] ?? "http://127.0.0.1:5080").TrimEnd('/');
                options.TenureApi.BaseUrl ??= silo + TenureApiOptions.SimulatorPath;
                if (options.InterimFinance.BaseUrl is null)
                {
                    options.InterimFinance.BaseUrl = silo + InterimFinanceOptions.SimulatorPath;
                    options.InterimFinance.ApiKey ??= InterimFinanceOptions.SimulatorApiKey;
                }

                if (section.GetSection("Spreadsheet:Folder").Value is null)
                {
                    options.Spreadsheet.Folder = Path.Combine(configuration["Silo:DataDirectory"] ?? ".data", "finance");
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FinanceOptions>, FinanceOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FinanceHttpTransport>();
        services.AddHttpClient<TenureApiClient>((provider, client) =>
            {
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<FinanceOptions>>().Value.TenureApi.BaseUrl!.TrimEnd('/') + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // per attempt: the client's pipeline
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new FinancePrimaryHandler(provider.GetRequiredService<FinanceHttpTransport>()));
        services.AddHttpClient<InterimFinanceClient>((provider, client) =>
            {
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<FinanceOptions>>().Value.InterimFinance.BaseUrl!.TrimEnd('/') + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // per request: the client's own timeout
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new FinancePrimaryHandler(provider.GetRequiredService<FinanceHttpTransport>()));
        services.AddHostedService<FinanceStartup>();
        return services;
    }

    /// <summary>Names every invalid setting in the start-up failure.</summary>
    private sealed class FinanceOptionsValidator : IValidateOptions<FinanceOptions>
    {
        public ValidateOptionsResult Validate(string? name, FinanceOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
