using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Api.Dashboard.Statistics;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// The cluster and sync dashboard: the page at <c>/dashboard</c> (see <see cref="DashboardPage"/>) and
/// the JSON it reads under <c>/api/dashboard</c>, every endpoint behind the read policy. Figures come
/// from a <see cref="DashboardSampler"/> that reads the silos' snapshots in the background, so a
/// request costs no more with many viewers or many grains. Replaying and discarding dead letters go
/// through the admin endpoints under /admin/dead-letters.
/// </summary>
public static class DashboardApi
{
    public const string Tag = "Dashboard";

    public const string RoutePrefix = "/api/dashboard";

    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var options = new DashboardOptions();
        services.GetRequiredService<IConfiguration>().GetSection(DashboardOptions.SectionName).Bind(options);
        options.Validate();

        // Created on first use (the loop's start or a request), so mapping resolves no runtime service.
        var sampler = new Lazy<DashboardSampler>(() => new DashboardSampler(
            services.GetRequiredService<IClusterStatistics>(),
            options,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardSampler).FullName!)));
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => sampler.Value.RunAsync(lifetime.ApplicationStopping)));

        var page = app as IApplicationBuilder
            ?? throw new InvalidOperationException("MapDashboardApi must be called on the WebApplication: it also serves the page at /dashboard.");
        page.UseDashboardPage();

        var api = app.MapGroup(RoutePrefix).RequireAuthorization(ApiPolicies.Read).WithTags(Tag);

        api.MapGet("/overview", (CancellationToken cancellationToken) => OverviewAsync(sampler.Value, cancellationToken))
            .WithName("GetDashboardOverview")
            .WithSummary("Cluster overview: silos, totals, rates, latency and their recent history")
            .WithDescription(
                "Silos with status, heartbeat, partitions, activations, CPU and memory; cluster totals (activations, calls/s, error rate, " +
                "p50/p99 latency of the latest interval, stream backlog, dead letters, reminders due and overdue); and the history the " +
                "charts draw (Dashboard:History, 5 minutes by default, one point per Dashboard:SampleInterval).");

        api.MapGet("/grains", (CancellationToken cancellationToken) => GrainsAsync(sampler.Value, cancellationToken))
            .WithName("GetDashboardGrains")
            .WithSummary("Grains by type and method: activations, calls, errors, rates and latency")
            .WithDescription("Counts and percentiles are cumulative since each silo started; rates (per second) and recentP99Ms cover the latest interval.");

        api.MapGet("/silos/{siloId:guid}", (Guid siloId, CancellationToken cancellationToken) => SiloAsync(sampler.Value, siloId, cancellationToken))
            .WithName("GetDashboardSilo")
            .WithSummary("One silo: CPU, memory, activations by type, stream lag of its partitions, and history")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/reminders", (IClusterStatistics statistics, string? after, int? limit, CancellationToken cancellationToken) =>
                RemindersAsync(sampler.Value, statistics, after, limit, cancellationToken))
            .WithName("GetDashboardReminders")
            .WithSummary("Durable reminders in due order, a page at a time, with the total and how many are due and overdue")
            .WithDescription($"Keyset paging: pass the answer's 'next' as 'after' for the following page. limit: 1 to {MaxPageSize}, default {DefaultPageSize}.")
            .ProducesValidationProblem();

        api.MapGet("/streams", (CancellationToken cancellationToken) => StreamsAsync(sampler.Value, cancellationToken))
            .WithName("GetDashboardStreams")
            .WithSummary("Stream backlog, lag, dead letters and throughput per partition, and the recent history of throughput and lag");

        api.MapGet("/dead-letters", DeadLettersAsync)
            .WithName("GetDashboardDeadLetters")
            .WithSummary("Dead letters without their payloads, optionally of one namespace, in id order (keyset paging with 'after')")
            .WithDescription("Replay and discard are admin actions: POST /admin/dead-letters/{id}/replay and DELETE /admin/dead-letters/{id}.")
            .ProducesValidationProblem();

        return app;
    }

    internal static async Task<Ok<OverviewView>> OverviewAsync(DashboardSampler sampler, CancellationToken cancellationToken)
    {
        var state = await sampler.CurrentAsync(cancellationToken);
        var (_, streams) = await sampler.StreamsAsync(cancellationToken);
        return TypedResults.Ok(DashboardViews.Overview(state, sampler.Options, streams));
    }

    internal static async Task<Ok<GrainsView>> GrainsAsync(DashboardSampler sampler, CancellationToken cancellationToken) =>
        TypedResults.Ok(DashboardViews.Grains(await sampler.CurrentAsync(cancellationToken)));

    internal static async Task<Results<Ok<SiloDetailView>, ProblemHttpResult>> SiloAsync(DashboardSampler sampler, Guid siloId, CancellationToken cancellationToken) =>
        DashboardViews.Silo(await sampler.CurrentAsync(cancellationToken), siloId) is { } silo
            ? TypedResults.Ok(silo)
            : ApiProblems.NotFound("Silo not found", $"The cluster lists no silo {siloId:D}; silos are listed until ten minutes after they die.");

    internal static async Task<Results<Ok<ReminderPage>, ValidationProblem>> RemindersAsync(
        DashboardSampler sampler,
        IClusterStatistics statistics,
        string? after,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"Must be between 1 and {MaxPageSize}."];
        }

        ReminderView? cursor = null;
        if (!string.IsNullOrEmpty(after) && !ReminderCursor.TryDecode(after, out cursor))
        {
            errors["after"] = ["Is not a cursor this endpoint returned; pass the 'next' of the previous page."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var pageSize = limit ?? DefaultPageSize;
        var (page, total) = await statistics.RemindersAsync(cursor, pageSize, cancellationToken);
        return TypedResults.Ok(DashboardViews.Reminders(await sampler.CurrentAsync(cancellationToken), page, total, pageSize));
    }

    internal static async Task<Ok<StreamsView>> StreamsAsync(DashboardSampler sampler, CancellationToken cancellationToken)
    {
        var state = await sampler.CurrentAsync(cancellationToken);
        var (_, partitions) = await sampler.StreamsAsync(cancellationToken);
        return TypedResults.Ok(DashboardViews.Streams(state, partitions));
    }

    internal static async Task<Results<Ok<DeadLetterSummaryPage>, ValidationProblem>> DeadLettersAsync(
        IDeadLetters deadLetters,
        TimeProvider time,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "namespace")] string? streamNamespace = null,
        long? after = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        if (ApiProblems.InvalidPage(after, limit, MaxPageSize) is { } errors)
        {
            return errors;
        }

        var pageSize = limit ?? DefaultPageSize;
        var page = await deadLetters.ListAsync(new DeadLetterQuery(string.IsNullOrWhiteSpace(streamNamespace) ? null : streamNamespace, null, after, pageSize), cancellationToken);
        return TypedResults.Ok(new DeadLetterSummaryPage(time.GetUtcNow(), [.. page.Select(DashboardViews.Summary)], page.Count == pageSize ? page[^1].Id : null));
    }
}
