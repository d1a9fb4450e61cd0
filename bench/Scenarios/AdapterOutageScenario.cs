using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// NOMIS and the datahub adapter down together for minutes under load, then back, against the
/// product's silo as a real process (with its shipped retry settings). During the outage, DPS users
/// record reviews (hub → NOMIS), NOMIS users record IEPs (NOMIS → hub) and the datahub announces
/// changes of points the hub holds. Afterwards: how long until everything synced by itself, what
/// was left as dead letters, and whether one replay-all per namespace cleared them with nothing
/// lost. Flags: --minutes 5 --prisoners 20 --points 20 --rate 2 (writes per second of each kind).
/// </summary>
public static class AdapterOutageScenario
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(11);

    public static async Task RunAsync(BenchArgs args)
    {
        var outage = TimeSpan.FromMinutes(args.Double("minutes", 5));
        var prisoners = args.Int("prisoners", 20);
        var points = args.Int("points", 20);
        var rate = args.Double("rate", 2);

        await using var database = await BenchDatabase.CreateAsync();
        using var silo = await ProductSiloProcess.StartAsync(database.ConnectionString, new Dictionary<string, string>(), Startup);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Address), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(silo.SigningKey, ApiRoles.Admin, "outage-bench"));
        try
        {
            var seeded = await PostAsync<JsonElement>(http, "/sim/nomis/admin/prisoners/bulk", new { count = prisoners, incentivesPerPrisoner = 1, seed = 11 });
            string[] numbers = [.. seeded.GetProperty("prisoners").EnumerateArray().Select(p => p.GetProperty("prisonerNumber").GetString()!)];
            var gsrns = (await http.GetFromJsonAsync<JsonElement>($"/sim/datahub/admin/accounting_points?limit={points}")).GetProperty("gsrns")
                .EnumerateArray().Select(g => g.GetString()!).ToArray();
            foreach (var gsrn in gsrns)
            {
                (await http.GetAsync($"/accounting-points/{gsrn}")).EnsureSuccessStatusCode();
            }

            // Each prisoner's first DPS review while NOMIS is up: from then on the hub knows the booking
            // and keeps taking reviews through an outage.
            var dpsReviews = new Dictionary<string, int>();
            foreach (var prisoner in numbers)
            {
                (await http.PostAsJsonAsync($"/incentive-reviews/prisoner/{prisoner}", new { iepLevel = "STD", comment = "Before the outage" })).EnsureSuccessStatusCode();
                dpsReviews[prisoner] = 1;
            }

            Console.WriteLine($"{numbers.Length} prisoners in NOMIS and the hub, {gsrns.Length} accounting points held; NOMIS and the adapter go down for {outage.TotalMinutes:0.#} min");
            await SetFaultsAsync(http, failureRate: 1.0);
            var down = Stopwatch.StartNew();
            var nomisIeps = new Dictionary<string, int>();
            var lastChange = new Dictionary<string, DateTimeOffset>();
            var refused = 0;
            string? firstRefusal = null;
            var interval = TimeSpan.FromSeconds(1 / rate);
            for (var n = 0; down.Elapsed < outage; n++)
            {
                var prisoner = numbers[n % numbers.Length];
                using (var review = await http.PostAsJsonAsync($"/incentive-reviews/prisoner/{prisoner}", new { iepLevel = n % 2 == 0 ? "ENH" : "STD", comment = $"Outage review {n}" }))
                {
                    if (review.IsSuccessStatusCode)
                    {
                        dpsReviews[prisoner] = dpsReviews.GetValueOrDefault(prisoner) + 1;
                    }
                    else
                    {
                        refused++;
                        firstRefusal ??= $"{(int)review.StatusCode} {await review.Content.ReadAsStringAsync()}";
                    }
                }

                var other = numbers[(n + (numbers.Length / 2)) % numbers.Length];
                using (var iep = await http.PostAsJsonAsync($"/sim/nomis/admin/prisoners/{other}/iep", new { iepLevel = "STD", comment = $"Outage IEP {n}" }))
                {
                    iep.EnsureSuccessStatusCode();
                    nomisIeps[other] = nomisIeps.GetValueOrDefault(other) + 1;
                }

                var gsrn = gsrns[n % gsrns.Length];
                var occurredAt = DateTimeOffset.UtcNow;
                var change = $$"""{"eventType":"accounting-point-changed","gsrn":"{{gsrn}}","occurredAt":"{{occurredAt:O}}"}""";
                using (var posted = await http.PostAsync("/events/datahub", new StringContent(change, System.Text.Encoding.UTF8, "application/json")))
                {
                    posted.EnsureSuccessStatusCode();
                    lastChange[gsrn] = occurredAt;
                }

                await Task.Delay(interval);
            }

            await SetFaultsAsync(http, failureRate: 0);
            var back = Stopwatch.StartNew();
            Console.WriteLine($"back after {down.Elapsed.TotalMinutes:0.0} min: {dpsReviews.Values.Sum()} DPS reviews, {nomisIeps.Values.Sum()} NOMIS IEPs, datahub changes of {lastChange.Count} points; {refused} reviews refused{(firstRefusal is null ? "" : $" (first: {firstRefusal})")}");

            // Everything that can sync by itself: wait until nothing moves any more (or all is in step).
            var (selfSynced, settledAfter) = await SettleAsync(http, numbers, dpsReviews, nomisIeps, lastChange, back);
            var deadLetters = await DeadLettersAsync(http);
            var replayed = 0;
            foreach (var ns in deadLetters.Keys)
            {
                var result = await PostAsync<JsonElement>(http, $"/admin/dead-letters/replay?namespace={Uri.EscapeDataString(ns)}", new { });
                replayed += result.GetProperty("replayed").GetInt32();
            }

            var (afterReplay, _) = replayed > 0 ? await SettleAsync(http, numbers, dpsReviews, nomisIeps, lastChange, Stopwatch.StartNew()) : (selfSynced, TimeSpan.Zero);
            var deadAfter = (await DeadLettersAsync(http)).Values.Sum();

            BenchTable.Print(
                $"adapter-outage: product silo process, NOMIS and datahub adapter down {outage.TotalMinutes:0.#} min, {rate} writes/s of each kind",
                ["", "DPS reviews in NOMIS", "NOMIS IEPs in DPS", "points synced after their change", "dead letters", "settled after (s)"],
                [
                    ["by themselves", $"{selfSynced.Reviews} / {dpsReviews.Values.Sum()}", $"{selfSynced.Ieps} / {nomisIeps.Values.Sum()}", $"{selfSynced.Points} / {lastChange.Count}", BenchTable.Number(deadLetters.Values.Sum()), BenchTable.Number(settledAfter.TotalSeconds, "N0")],
                    ["after one replay-all", $"{afterReplay.Reviews} / {dpsReviews.Values.Sum()}", $"{afterReplay.Ieps} / {nomisIeps.Values.Sum()}", $"{afterReplay.Points} / {lastChange.Count}", BenchTable.Number(deadAfter), ""],
                ]);
            var lost = (dpsReviews.Values.Sum() - afterReplay.Reviews) + (nomisIeps.Values.Sum() - afterReplay.Ieps) + (lastChange.Count - afterReplay.Points);
            Console.WriteLine();
            Console.WriteLine($"outage of {outage.TotalMinutes:0.#} min: {(lost == 0 && deadAfter == 0 ? "0 lost" : $"NOT CLEAN: {lost} not in step, {deadAfter} dead letters left")}; " +
                $"{deadLetters.Values.Sum()} dead letters before the replay ({string.Join(", ", deadLetters.Select(d => $"{d.Key} {d.Value}"))})");
        }
        catch
        {
            Console.Error.WriteLine("--- silo (exited: " + silo.HasExited + ") last output:");
            foreach (var line in silo.Output.TakeLast(40))
            {
                Console.Error.WriteLine("  " + line);
            }

            throw;
        }
    }

    private sealed record InStep(int Reviews, int Ieps, int Points);

    /// <summary>
    /// Polls until everything is in step or nothing changed for <see cref="Quiet"/> (an accounting
    /// point's retries back off from a minute, doubling to AccountingPoints:RetryBackoffMax, 10 minutes), within <see cref="Recovery"/>.
    /// </summary>
    private static async Task<(InStep State, TimeSpan After)> SettleAsync(
        HttpClient http, string[] prisoners, Dictionary<string, int> dpsReviews, Dictionary<string, int> nomisIeps, Dictionary<string, DateTimeOffset> changes, Stopwatch since)
    {
        var expected = new InStep(dpsReviews.Values.Sum(), nomisIeps.Values.Sum(), changes.Count);
        InStep? last = null;
        var lastChange = since.Elapsed;
        while (true)
        {
            var state = await InStepAsync(http, prisoners, changes);
            if (state != last)
            {
                last = state;
                lastChange = since.Elapsed;
            }

            if (state == expected || since.Elapsed - lastChange > Quiet || since.Elapsed > Recovery)
            {
                return (state, lastChange);
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<InStep> InStepAsync(HttpClient http, string[] prisoners, Dictionary<string, DateTimeOffset> changes)
    {
        int reviews = 0, ieps = 0, synced = 0;
        foreach (var prisoner in prisoners)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/incentives/prisoner/{prisoner}/sync-status");
            foreach (var entry in status.GetProperty("reviews").EnumerateArray())
            {
                var origin = entry.GetProperty("origin").GetString();
                if (origin == "DPS" && entry.TryGetProperty("toNomisStatus", out var toNomis) && toNomis.ValueKind == JsonValueKind.String && toNomis.GetString() == "MAPPED")
                {
                    reviews++;
                }
                else if (origin == "NOMIS")
                {
                    ieps++;
                }
            }
        }

        // A point is in step once the hub holds the datahub's data as of its last change.
        foreach (var (gsrn, changedAt) in changes)
        {
            var point = await http.GetFromJsonAsync<JsonElement>($"/accounting-points/{gsrn}");
            if (point.TryGetProperty("sync", out var sync) && sync.ValueKind == JsonValueKind.Object
                && sync.TryGetProperty("dataAsOf", out var asOf) && asOf.ValueKind == JsonValueKind.String && asOf.GetDateTimeOffset() >= changedAt)
            {
                synced++;
            }
        }

        return new InStep(reviews, ieps, synced);
    }

    private static async Task<Dictionary<string, int>> DeadLettersAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/admin/dead-letters?limit=1000");
        return page.GetProperty("items").EnumerateArray()
            .GroupBy(item => item.GetProperty("namespace").GetString()!)
            .ToDictionary(group => group.Key, group => group.Count());
    }

    private static async Task SetFaultsAsync(HttpClient http, double failureRate)
    {
        foreach (var simulator in new[] { "nomis", "datahub" })
        {
            using var response = await http.PutAsJsonAsync($"/sim/{simulator}/admin/faults", new { failureRate, failureStatusCode = 503 });
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<T> PostAsync<T>(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
