using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Simulators.InterimFinance;

/// <summary>
/// Composition of the interim finance API simulator. The real interim solution has no public API
/// (contracts §5: Google sheets imported into a SQL Server database); this is the API the ADR's phase 2
/// assumes: upsert an account by payment reference, read one, list all.
/// </summary>
public static class InterimFinanceSimulatorExtensions
{
    public static IServiceCollection AddInterimFinanceSimulator(this IServiceCollection services, Action<InterimFinanceSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InterimFinanceSimulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InterimFinanceSimulator>();
        return services;
    }

    /// <summary>
    /// <c>PUT {prefix}/api/accounts/{paymentReference}</c>, <c>GET {prefix}/api/accounts/{paymentReference}</c>,
    /// <c>GET {prefix}/api/accounts</c> (bearer key, faults); admin under <c>{prefix}/admin</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapInterimFinanceSimulator(this IEndpointRouteBuilder app, string prefix = "/sim/interim-finance")
    {
        ArgumentNullException.ThrowIfNull(app);
        var simulator = app.ServiceProvider.GetService<InterimFinanceSimulator>()
            ?? throw new InvalidOperationException($"Call services.{nameof(AddInterimFinanceSimulator)}() before app.{nameof(MapInterimFinanceSimulator)}().");
        var root = app.MapGroup(prefix).ExcludeFromDescription();
        var api = root.MapGroup("/api/accounts")
            .WithSimulatorErrors(hmppsShape: false)
            .WithBearerToken(() => simulator.Options.RequiredBearerToken)
            .WithFaultInjection(simulator.Faults);
        api.MapPut("/{paymentReference}", async (string paymentReference, HttpRequest request) =>
        {
            var account = await SimulatorJson.ReadBodyAsync<InterimFinanceAccount>(request, TenureJson.Options);
            var (status, stored) = simulator.Store.Upsert(paymentReference, account);
            return Results.Json(stored, TenureJson.Options, statusCode: status);
        });
        api.MapGet("/{paymentReference}", (string paymentReference) =>
            simulator.Store.Get(paymentReference) is { } account
                ? Results.Json(account, TenureJson.Options)
                : throw SimulatorException.NotFound($"No account with payment reference {paymentReference}."));
        api.MapGet("/", () => Results.Json(simulator.Store.All, TenureJson.Options));

        var admin = root.MapGroup("/admin").WithSimulatorErrors(hmppsShape: false);
        admin.MapGet("/accounts", () => Results.Json(
            simulator.Store.All.Select(a => new { account = a, writes = simulator.Store.WritesOf(a.PaymentReference) }), TenureJson.Options));
        admin.MapDelete("/accounts/{paymentReference}", (string paymentReference) =>
            simulator.Store.Remove(paymentReference) ? Results.NoContent() : throw SimulatorException.NotFound($"No account {paymentReference}."));
        admin.MapFaultAdmin(simulator.Faults);
        return app;
    }
}
