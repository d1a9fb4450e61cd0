using System.Net;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Ingestion;

/// <summary>Bad requests are refused clearly (problem details naming what is wrong) and leave nothing behind.</summary>
public sealed class IngestionRejectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Path = "/events/" + ApiHost.SubscribedNamespace;

    [Fact]
    public async Task An_unknown_source_is_a_404_problem_naming_the_known_ones()
    {
        using var client = host.As(ApiRoles.Operator);
        var problem = await (await client.PostAsync("/events/no-such-source", Requests.Json(Envelopes.Event("test.changed", "X")))).ProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain("no-such-source").And.Contain(ApiHost.SubscribedNamespace);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_a_415_problem()
    {
        using var client = host.As(ApiRoles.Operator);
        var response = await client.PostAsync(Path, new StringContent(Envelopes.Event("test.changed", "X"), Encoding.UTF8, "text/plain"));
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem_whether_or_not_it_declares_its_length()
    {
        using var client = host.As(ApiRoles.Operator);
        var oversized = "{\"eventType\":\"test.changed\",\"entity\":\"X\",\"padding\":\"" + new string('x', 1024 * 1024) + "\"}";

        var declared = await client.PostAsync(Path, Requests.Json(oversized));
        (await declared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString().Should().Contain("1048576");

        var chunked = await client.PostAsync(Path, new UnknownLengthContent(Encoding.UTF8.GetBytes(oversized)));
        await chunked.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_naming_the_body()
    {
        using var client = host.As(ApiRoles.Operator);
        var problem = await (await client.PostAsync(Path, Requests.Json("{\"eventType\": \"test.changed\", "))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorsFor("body").Should().Contain("not valid JSON");

        var empty = await (await client.PostAsync(Path, Requests.Json(""))).ProblemAsync(HttpStatusCode.BadRequest);
        empty.ErrorsFor("body").Should().Contain("empty");

        var array = await (await client.PostAsync(Path, Requests.Json("[1, 2]"))).ProblemAsync(HttpStatusCode.BadRequest);
        array.ErrorsFor("body").Should().Contain("JSON object");
    }

    [Fact]
    public async Task Wrongly_typed_envelope_fields_are_a_400_problem_naming_each_field()
    {
        using var client = host.As(ApiRoles.Operator);
        var sns = """{"Type":"Notification","MessageId":42,"Message":{"eventType":"test.changed","entity":"X"}}""";
        var problem = await (await client.PostAsync(Path, Requests.Json(sns))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorsFor("MessageId").Should().Contain("string");
        problem.ErrorsFor("Message").Should().Contain("string");

        var records = await (await client.PostAsync(Path, Requests.Json("""{"Records":"not a list"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        records.ErrorsFor("Records").Should().Contain("array");

        var record = await (await client.PostAsync(Path, Requests.Json("""{"Records":[{"messageId":"m1","body":{"eventType":"x"}}, 7]}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        record.ErrorsFor("Records[0].body").Should().Contain("string");
        record.ErrorsFor("Records[1]").Should().Contain("object");

        var missing = await (await client.PostAsync(Path, Requests.Json("""{"Type":"Notification","Message":"{}"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        missing.ErrorsFor("MessageId").Should().Contain("required");

        var notJson = await (await client.PostAsync(Path, Requests.Json(Envelopes.Sns(Envelopes.NewId(), "plain text, not an event")))).ProblemAsync(HttpStatusCode.BadRequest);
        notJson.ErrorsFor("Message").Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task An_event_the_source_cannot_classify_is_a_400_problem_and_nothing_is_appended()
    {
        using var client = host.As(ApiRoles.Operator);
        var invalidId = Envelopes.NewId();
        var invalid = await (await client.PostAsync(Path, Requests.Json(Envelopes.Sns(invalidId, """{"eventType":"test.changed"}""")))).ProblemAsync(HttpStatusCode.BadRequest);
        invalid.ErrorsFor("Message").Should().Contain("Invalid test.changed event").And.Contain("'entity' is required");
        invalid.GetProperty("detail").GetString().Should().Contain("Nothing of this request was accepted");

        var throwingId = Envelopes.NewId();
        var throwing = await (await client.PostAsync(Path, Requests.Json(Envelopes.Sns(throwingId, """{"eventType":"test.throw","entity":"X"}""")))).ProblemAsync(HttpStatusCode.BadRequest);
        throwing.ErrorsFor("Message").Should().Contain("cannot read this event");

        (await host.StreamRowsAsync(invalidId)).Should().Be(0);
        (await host.StreamRowsAsync(throwingId)).Should().Be(0);
    }

    [Fact]
    public async Task A_message_id_longer_than_the_stream_allows_is_a_400_problem()
    {
        using var client = host.As(ApiRoles.Operator);
        var problem = await (await client.PostAsync(Path, Requests.Json(Envelopes.Sns(new string('m', 401), Envelopes.Event("test.changed", "X"))))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorsFor("MessageId").Should().Contain("400");
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_a_400_problem_naming_it()
    {
        using var client = host.As(ApiRoles.Admin);
        var problem = await (await client.GetAsync("/admin/dead-letters?limit=many")).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Contain("limit");
    }

    /// <summary>A body sent without Content-Length (chunked), as a streaming client would.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
