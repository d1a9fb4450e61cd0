using OrleansSync.Api.Tests.Ingestion;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.DeadLetters;

/// <summary>
/// Operators list, inspect, replay and discard dead letters over the API. Dead letters are made the
/// way production makes them: events ingested into a namespace whose only subscriber (a grain that
/// always fails) fail every attempt.
/// </summary>
public sealed class DeadLetterApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly TimeSpan DeadLetterTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operator_can_list_inspect_replay_and_discard_dead_letters()
    {
        using var admin = host.As(ApiRoles.Admin);
        var keys = new[] { "D-" + Envelopes.NewId(), "D-" + Envelopes.NewId() };
        var ids = new List<string>();
        foreach (var key in keys)
        {
            var messageId = Envelopes.NewId();
            ids.Add(messageId);
            (await host.As(ApiRoles.Operator).PostAsync("/events/" + ApiHost.SubscribedNamespace, Requests.Json(Envelopes.Sns(messageId, Envelopes.Event("test.changed", key)))))
                .StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var letters = await WaitForDeadLettersAsync(admin, ids);

        // Inspect: payload as JSON, the subscriber that failed, its attempts and last error.
        var first = letters[ids[0]];
        var id = first.GetProperty("id").GetInt64();
        var inspected = await (await admin.GetAsync($"/admin/dead-letters/{id}")).JsonAsync(HttpStatusCode.OK);
        inspected.GetProperty("key").GetString().Should().Be(keys[0]);
        inspected.GetProperty("namespace").GetString().Should().Be(ApiHost.SubscribedNamespace);
        inspected.GetProperty("subscriber").GetString().Should().Be("api-tests.failing-subscriber");
        inspected.GetProperty("attempts").GetInt32().Should().Be(3);
        inspected.GetProperty("lastError").GetString().Should().NotBeNullOrEmpty();
        inspected.GetProperty("payload").GetProperty("entity").GetString().Should().Be(keys[0]);

        // Filter by key, and page with limit and next.
        var byKey = await (await admin.GetAsync($"/admin/dead-letters?namespace={ApiHost.SubscribedNamespace}&key={keys[1]}")).JsonAsync(HttpStatusCode.OK);
        byKey.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("messageId").GetString()).Should().Equal(ids[1]);
        var page = await (await admin.GetAsync($"/admin/dead-letters?namespace={ApiHost.SubscribedNamespace}&limit=1")).JsonAsync(HttpStatusCode.OK);
        page.GetProperty("items").GetArrayLength().Should().Be(1);
        var next = page.GetProperty("next").GetInt64();
        var rest = await (await admin.GetAsync($"/admin/dead-letters?namespace={ApiHost.SubscribedNamespace}&after={next}&limit=1000")).JsonAsync(HttpStatusCode.OK);
        rest.GetProperty("items").EnumerateArray().Should().OnlyContain(l => l.GetProperty("id").GetInt64() > next);

        // Replay one: taken off the list and delivered again from attempt 1, and (the subscriber still
        // failing) a dead letter again later, as a new dead letter of the same message id.
        var deadAt = first.GetProperty("deadAt").GetDateTimeOffset();
        (await (await admin.PostAsync($"/admin/dead-letters/{id}/replay", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("replayed").GetInt32().Should().Be(1);
        await (await admin.GetAsync($"/admin/dead-letters/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await Eventually.TrueAsync(
            async () => (await WaitForDeadLettersAsync(admin, [ids[0]]))[ids[0]] is var again
                && again.GetProperty("id").GetInt64() != id
                && again.GetProperty("deadAt").GetDateTimeOffset() > deadAt,
            DeadLetterTimeout,
            "the replayed message to be delivered again and, failing again, to become a dead letter again");

        // Replay all of the namespace.
        await WaitForDeadLettersAsync(admin, ids);
        var replayed = await (await admin.PostAsync($"/admin/dead-letters/replay?namespace={ApiHost.SubscribedNamespace}", null)).JsonAsync(HttpStatusCode.OK);
        replayed.GetProperty("replayed").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        letters = await WaitForDeadLettersAsync(admin, ids);

        // Discard: gone from the list, and a second discard or replay finds nothing.
        var discardId = letters[ids[1]].GetProperty("id").GetInt64();
        (await admin.DeleteAsync($"/admin/dead-letters/{discardId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/admin/dead-letters/{discardId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/admin/dead-letters/{discardId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/admin/dead-letters/{discardId}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
        var remaining = await (await admin.GetAsync($"/admin/dead-letters?key={keys[1]}")).JsonAsync(HttpStatusCode.OK);
        remaining.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Unknown_dead_letter_ids_are_404_problems()
    {
        using var admin = host.As(ApiRoles.Admin);
        const long unknown = 987_654_321;
        (await (await admin.GetAsync($"/admin/dead-letters/{unknown}")).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain(unknown.ToString());
        await (await admin.PostAsync($"/admin/dead-letters/{unknown}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/admin/dead-letters/{unknown}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Out_of_range_paging_and_a_replay_without_a_namespace_are_400_problems_naming_the_parameter()
    {
        using var admin = host.As(ApiRoles.Admin);
        (await (await admin.GetAsync("/admin/dead-letters?limit=0")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("limit").Should().Contain("1000");
        (await (await admin.GetAsync("/admin/dead-letters?limit=1001")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("limit").Should().Contain("1000");
        (await (await admin.GetAsync("/admin/dead-letters?after=-1")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("after").Should().NotBeEmpty();
        (await (await admin.PostAsync("/admin/dead-letters/replay", null)).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("namespace").Should().Contain("required");
        (await (await admin.GetAsync("/events/skipped?limit=5000")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("limit").Should().NotBeEmpty();
    }

    /// <summary>Waits until every message id is a dead letter (of this namespace); returns them by message id.</summary>
    private static async Task<Dictionary<string, JsonElement>> WaitForDeadLettersAsync(HttpClient admin, IReadOnlyCollection<string> messageIds)
    {
        var found = new Dictionary<string, JsonElement>();
        await Eventually.TrueAsync(
            async () =>
            {
                var page = await (await admin.GetAsync($"/admin/dead-letters?namespace={ApiHost.SubscribedNamespace}&limit=1000")).JsonAsync(HttpStatusCode.OK);
                found = page.GetProperty("items").EnumerateArray()
                    .Where(l => messageIds.Contains(l.GetProperty("messageId").GetString()))
                    .ToDictionary(l => l.GetProperty("messageId").GetString()!);
                return found.Count == messageIds.Count;
            },
            DeadLetterTimeout,
            "every message to fail its attempts against the failing subscriber and become a dead letter");
        return found;
    }
}
