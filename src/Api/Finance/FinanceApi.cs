using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using OrleansSync.Api.Ingestion;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Finance;

namespace OrleansSync.Api.Finance;

/// <summary>
/// Finance accounts (account-api's read endpoints, contracts §3), the interim finance workbook, the finance
/// status of the dashboard and the reconciliation with the interim solution.
/// </summary>
public static class FinanceApi
{
    public const string Tag = "Finance";

    private static readonly string[] AccountTypes = ["Master", "Recharge", "Sundry"];

    public static IHostApplicationBuilder AddFinanceApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEventSource(TenureEventSource.Create());
        return builder;
    }

    public static IEndpointRouteBuilder MapFinanceApi(this IEndpointRouteBuilder app)
    {
        // Literal segments outrank parameters, so /accounts/payment-reference/... is never taken for an id.
        var accounts = app.MapGroup("/accounts").WithTags(Tag);
        accounts.MapGet("/", FindAccountsAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("FindAccounts")
            .WithSummary("Accounts of a target")
            .WithDescription("The accounts of a tenure (targetId), of one account type (Master, Recharge, Sundry) when given.");
        accounts.MapGet("/{id}", GetAccountAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAccount")
            .WithSummary("Get an account")
            .WithDescription("An account by its id, with its payment reference and its tenure summary.");
        accounts.MapGet("/payment-reference/{paymentReference}", GetByPaymentReferenceAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAccountByPaymentReference")
            .WithSummary("Get an account by payment reference");

        var finance = app.MapGroup("/finance").WithTags(Tag);
        finance.MapGet("/status", GetStatusAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetFinanceStatus")
            .WithSummary("Finance sync status")
            .WithDescription("Mode, accounts, the last spreadsheet write, pushes pending and failing, and the last reconciliation with the interim finance solution.");
        finance.MapGet("/spreadsheet", GetSpreadsheetAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("GetFinanceSpreadsheet")
            .WithSummary("Download the interim finance workbook")
            .WithDescription("The current XLSX workbook (sheets Accounts and Change log, both protected: read and filter only). Operators only. With Accept: application/json only, what the workbook holds and when it was written.")
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetContentType);
        finance.MapPost("/reconciliation", ReconcileAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("ReconcileFinance")
            .WithSummary("Reconcile accounts with the interim finance solution")
            .WithDescription("Compares every account with the interim solution; with repair=true (the default) each missing or different account is re-sent (push modes only).");
        return app;
    }

    public const string SpreadsheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<Results<Ok<IReadOnlyList<FinanceAccount>>, ValidationProblem>> FindAccountsAsync(string targetId, string? accountType, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(targetId, out var target) || target == Guid.Empty)
        {
            errors["targetId"] = ["targetId must be a tenure id, a non-empty GUID."];
        }

        var type = AccountTypes.FirstOrDefault(t => string.Equals(t, accountType, StringComparison.OrdinalIgnoreCase));
        if (accountType is not null && type is null)
        {
            errors["accountType"] = [$"accountType must be one of {string.Join(", ", AccountTypes)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await Reader(grains).FindByTargetAsync(target, type));
    }

    public static async Task<Results<Ok<FinanceAccount>, ValidationProblem, ProblemHttpResult>> GetAccountAsync(string id, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var accountId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be a GUID."] });
        }

        return await Reader(grains).GetAsync(accountId) is { } account
            ? TypedResults.Ok(account)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: $"No account {accountId:D}.");
    }

    public static async Task<Results<Ok<FinanceAccount>, ValidationProblem, ProblemHttpResult>> GetByPaymentReferenceAsync(string paymentReference, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(paymentReference) || paymentReference.Length > 50)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paymentReference"] = ["paymentReference must be 1 to 50 characters."] });
        }

        var found = await Reader(grains).FindByPaymentReferenceAsync(paymentReference);
        return found.Count switch
        {
            0 => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: $"No account has payment reference {paymentReference}."),
            1 => TypedResults.Ok(found[0]),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Payment reference not unique",
                detail: $"{found.Count} accounts have payment reference {paymentReference}; fix the tenures at the source.",
                extensions: new Dictionary<string, object?> { ["accountIds"] = found.Select(a => a.Id).ToArray() }),
        };
    }

    public static async Task<Ok<FinanceStatus>> GetStatusAsync(IGrainFactory grains) => TypedResults.Ok(await Reader(grains).GetStatusAsync());

    /// <summary>
    /// The workbook; a caller that accepts only JSON (the dashboard's sync page) gets what it holds and when it
    /// was written instead of the file's bytes.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, Ok<SpreadsheetStatus>>> GetSpreadsheetAsync(HttpRequest request, IGrainFactory grains)
    {
        var writer = grains.GetGrain<IFinanceSpreadsheetGrain>(IFinanceSpreadsheetGrain.Key);
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            return TypedResults.Ok(await writer.GetStatusAsync());
        }

        var file = await writer.GetWorkbookAsync();
        return TypedResults.File(file.Content, SpreadsheetContentType, "interim-finance-accounts.xlsx", lastModified: file.Status.WrittenAt);
    }

    public static async Task<Ok<FinanceReconciliationReport>> ReconcileAsync(bool? repair, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFinanceReconciliationGrain>(IFinanceReconciliationGrain.Key).ReconcileAsync("manual", repair ?? true));

    private static IFinanceAccountReaderGrain Reader(IGrainFactory grains) => grains.GetGrain<IFinanceAccountReaderGrain>("accounts");
}
