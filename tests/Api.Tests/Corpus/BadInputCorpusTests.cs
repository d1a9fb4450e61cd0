using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// Bad input never gets a 5xx and a refused request writes nothing: a corpus of bad requests sent to
/// every ingestion source and every write endpoint of the OpenAPI document, each answered below 500
/// with the stream and domain tables' row counts unchanged. The simulators under /sim are stand-ins
/// for other systems, not this API, and are not in the document.
/// </summary>
public sealed class BadInputCorpusTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string IngestOperation = "IngestEvents";

    [Fact]
    public async Task No_bad_request_to_any_write_endpoint_gets_a_5xx_or_writes_anything()
    {
        using var client = host.As(ApiRoles.Admin);
        var endpoints = await WriteEndpoint.ReadAsync(client);
        endpoints.Select(e => e.OperationId).Should().Contain([IngestOperation, "CreateIncentiveReview", "RegisterControllableUnit", "ReplayDeadLetters"]);
        var sources = (await (await client.GetAsync("/events/sources")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        sources.Should().Contain(["offender-events", "domain-events", "datahub", "tenure"]);

        var cases = endpoints.SelectMany(e => CasesFor(e, sources)).ToList();
        cases.Select(c => c.Name).Distinct().Count().Should().BeGreaterThan(60);

        var rows = new RowCounts(host.ConnectionString);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var corpusCase in cases)
        {
            var before = await rows.TakeAsync();
            using var request = corpusCase.ToRequest();
            HttpResponseMessage sent;
            try
            {
                sent = await client.SendAsync(request);
            }
            catch (InvalidOperationException refused) when (refused.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // The in-memory server refuses a %00 in the path before the application sees it, as Kestrel does with 400.
                statuses[0] = statuses.GetValueOrDefault(0) + 1;
                continue;
            }

            using var response = sent;
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{corpusCase}: {status} {Shorten(body)}");
            }
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{corpusCase}: {status} without problem details ({response.Content.Headers.ContentType}) {Shorten(body)}");
            }

            if (RowCounts.Differences(before, await rows.TakeAsync()).ToList() is { Count: > 0 } written)
            {
                failures.Add($"{corpusCase}: {status} wrote {string.Join(", ", written)}");
            }
        }

        failures.Should().BeEmpty($"of {cases.Count} bad requests (answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "refused by the HTTP layer" : s.Key)}: {s.Value}"))}) none may fail on the server or write");
    }

    [Fact]
    public async Task A_batch_sent_again_is_answered_as_duplicates_and_appends_nothing_more()
    {
        using var client = host.As(ApiRoles.Operator);
        var first = "corpus-dup-" + Guid.NewGuid();
        var second = "corpus-dup-" + Guid.NewGuid();
        var batch = Requests.Json(JsonSerializer.Serialize(new
        {
            Records = new[]
            {
                new { messageId = first, body = "{\"eventType\":\"test.changed\",\"entity\":\"D1\"}" },
                new { messageId = second, body = "{\"eventType\":\"test.changed\",\"entity\":\"D2\"}" },
            },
        }));
        var path = "/events/" + ApiHost.SubscribedNamespace;

        var accepted = await (await client.PostAsync(path, batch)).JsonAsync(HttpStatusCode.Accepted);
        accepted.GetProperty("appended").GetInt32().Should().Be(2);

        var again = await (await client.PostAsync(path, batch)).JsonAsync(HttpStatusCode.Accepted);
        again.GetProperty("appended").GetInt32().Should().Be(0);
        again.GetProperty("duplicates").GetInt32().Should().Be(2);
        (await host.StreamRowsAsync(first)).Should().Be(1);
        (await host.StreamRowsAsync(second)).Should().Be(1);
    }

    [Fact]
    public async Task A_NUL_in_an_event_or_a_review_is_a_400_naming_the_field()
    {
        using var client = host.As(ApiRoles.Operator);
        var sns = "{\"Type\":\"Notification\",\"MessageId\":\"" + Guid.NewGuid() + "\",\"Message\":\"{\\\"eventType\\\":\\\"test.changed\\\",\\\"entity\\\":\\\"E\\\\u0000\\\"}\"}";
        var eventProblem = await (await client.PostAsync("/events/" + ApiHost.SubscribedNamespace, Requests.Json(sns))).ProblemAsync(HttpStatusCode.BadRequest);
        eventProblem.ErrorsFor("Message.entity").Should().Contain("NUL");

        var reviewProblem = await (await client.PostAsync("/incentive-reviews/prisoner/A1234AA",
            Requests.Json("{\"iepLevel\":\"STD\",\"comment\":\"a\\u0000b\"}"))).ProblemAsync(HttpStatusCode.BadRequest);
        reviewProblem.ErrorsFor("comment").Should().Contain("NUL");

        var notUtf8 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"iepLevel\":\"STD\",\"comment\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")]);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var utf8Problem = await (await client.PostAsync("/incentive-reviews/prisoner/A1234AA", notUtf8)).ProblemAsync(HttpStatusCode.BadRequest);
        utf8Problem.GetProperty("errors").EnumerateObject().Should().NotBeEmpty();
    }

    private static IEnumerable<CorpusCase> CasesFor(WriteEndpoint endpoint, IReadOnlyList<string> sources)
    {
        var method = new HttpMethod(endpoint.Method);
        if (endpoint.OperationId == IngestOperation)
        {
            foreach (var source in sources)
            {
                var path = $"/events/{source}";
                foreach (var (name, body, type) in BadBodies.Generic())
                {
                    yield return new($"{method} {path}: {name}", method, path, body, type);
                }

                foreach (var (name, body, headers) in IngestionCases.ForAnySource())
                {
                    yield return new($"{method} {path}: {name}", method, path, body, CorpusCase.Json, headers);
                }

                foreach (var (name, body) in IngestionCases.ForSource(source))
                {
                    yield return new($"{method} {path}: {name}", method, path, body, CorpusCase.Json);
                }
            }

            foreach (var (name, value) in ValidBodies.BadIdentifiers())
            {
                yield return new($"{method} /events/{{source}}: source {name}", method, $"/events/{value}", BadBodies.Utf8("{\"eventType\":\"x\",\"entity\":\"E\"}"), CorpusCase.Json);
            }

            yield break;
        }

        var template = ValidBodies.ByOperation.GetValueOrDefault(endpoint.OperationId);
        var validBody = endpoint.TakesBody ? BadBodies.Object(template?.Fields.Select(f => (f.Name, BadBodies.Utf8(f.Json))) ?? []) : null;
        var validType = endpoint.TakesBody ? CorpusCase.Json : null;
        var validPath = endpoint.PathWith(ValidBodies.PathValue);

        if (endpoint.TakesBody)
        {
            foreach (var (name, body, type) in BadBodies.Generic())
            {
                // An optional body may be left out: that is a valid request, not a bad one.
                if (!endpoint.BodyRequired && (body is null || body.Length == 0))
                {
                    continue;
                }

                yield return new($"{endpoint}: {name}", method, validPath, body, type);
            }

            foreach (var field in template?.Fields ?? [])
            {
                foreach (var (name, token) in BadBodies.Values())
                {
                    var fields = template!.Fields.Select(f => (f.Name, f.Name == field.Name ? token : BadBodies.Utf8(f.Json)));
                    yield return new($"{endpoint}: {field.Name} {name}", method, validPath, BadBodies.Object(fields), CorpusCase.Json);
                }
            }

            foreach (var required in template?.Required ?? [])
            {
                var fields = template!.Fields.Where(f => f.Name != required).Select(f => (f.Name, BadBodies.Utf8(f.Json)));
                yield return new($"{endpoint}: {required} missing", method, validPath, BadBodies.Object(fields), CorpusCase.Json);
            }

            if (template is { Required.Count: > 0 })
            {
                yield return new($"{endpoint}: every field missing", method, validPath, BadBodies.Utf8("{}"), CorpusCase.Json);
                yield return new($"{endpoint}: every field null", method, validPath, BadBodies.Object(template.Fields.Select(f => (f.Name, BadBodies.Utf8("null")))), CorpusCase.Json);
            }
        }

        foreach (var parameter in endpoint.PathParameters)
        {
            foreach (var (name, value) in ValidBodies.BadIdentifiers())
            {
                var path = endpoint.PathWith(p => p == parameter ? value : ValidBodies.PathValue(p));
                yield return new($"{endpoint}: {parameter} {name}", method, path, validBody, validType);
            }
        }

        foreach (var parameter in endpoint.QueryParameters)
        {
            foreach (var (name, value) in ValidBodies.BadQueryValues())
            {
                yield return new($"{endpoint}: ?{parameter} {name}", method, $"{validPath}?{parameter}={value}", validBody, validType);
            }
        }

        // An endpoint with no body and no parameters (start a reconciliation) has no input to get wrong: it yields nothing.
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
