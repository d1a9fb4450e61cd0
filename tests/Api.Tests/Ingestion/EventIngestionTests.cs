using System.Net.Sockets;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.Ingestion;

/// <summary>What an upstream system sees when it posts events: 202, and the event in the stream once.</summary>
public sealed class EventIngestionTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Path = "/events/" + ApiHost.SubscribedNamespace;

    [Fact]
    public async Task An_SNS_notification_is_appended_under_its_entity_key_with_the_inner_event_as_payload()
    {
        using var client = host.As(ApiRoles.Operator);
        var messageId = Envelopes.NewId();
        var receipt = await (await client.PostAsync(Path, Requests.Json(Envelopes.Sns(messageId, Envelopes.Event("test.changed", "A1234BC", new { n = 1 })))))
            .JsonAsync(HttpStatusCode.Accepted);

        receipt.GetProperty("appended").GetInt32().Should().Be(1);
        var message = receipt.GetProperty("messages")[0];
        message.GetProperty("messageId").GetString().Should().Be(messageId);
        message.GetProperty("outcome").GetString().Should().Be("appended");
        message.GetProperty("streamKey").GetString().Should().Be("A1234BC");
        var (key, payload) = await host.StreamMessageAsync(messageId);
        key.Should().Be("A1234BC");
        payload.GetProperty("eventType").GetString().Should().Be("test.changed");
        payload.GetProperty("extra").GetProperty("n").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_duplicate_message_id_is_accepted_again_but_appended_once()
    {
        using var client = host.As(ApiRoles.Operator);
        var messageId = Envelopes.NewId();
        var body = Envelopes.Sns(messageId, Envelopes.Event("test.changed", "A1111AA"));

        var first = await (await client.PostAsync(Path, Requests.Json(body))).JsonAsync(HttpStatusCode.Accepted);
        var second = await (await client.PostAsync(Path, Requests.Json(body))).JsonAsync(HttpStatusCode.Accepted);

        first.GetProperty("appended").GetInt32().Should().Be(1);
        second.GetProperty("appended").GetInt32().Should().Be(0);
        second.GetProperty("duplicates").GetInt32().Should().Be(1);
        second.GetProperty("messages")[0].GetProperty("outcome").GetString().Should().Be("duplicate");
        (await host.StreamRowsAsync(messageId)).Should().Be(1, "the namespace has one subscriber and the message was appended once");
    }

    [Fact]
    public async Task The_real_HMPPS_offender_event_envelope_is_routed_by_its_offender()
    {
        using var client = host.As(ApiRoles.Operator);
        var receipt = await (await client.PostAsync(Path, Requests.Json(Envelopes.Contract("hmpps/iep-upserted-offender-event-sns-envelope.json"))))
            .JsonAsync(HttpStatusCode.Accepted);

        receipt.GetProperty("messages")[0].GetProperty("eventType").GetString().Should().Be("IEP_UPSERTED");
        var (key, payload) = await host.StreamMessageAsync("ae06c49e-1f41-4b9f-b2f2-dcca610d02cd");
        key.Should().Be("G4803UT");
        payload.GetProperty("iepLevel").GetString().Should().Be("STD");
    }

    [Fact]
    public async Task An_SNS_message_without_an_event_type_inside_gets_the_one_from_its_message_attributes()
    {
        // The incentives-api fixture of prisoner.merged carries its type only in MessageAttributes.
        using var client = host.As(ApiRoles.Operator);
        var receipt = await (await client.PostAsync(Path, Requests.Json(Envelopes.Contract("hmpps/prisoner-merged-domain-event-sns-envelope.json"))))
            .JsonAsync(HttpStatusCode.Accepted);

        receipt.GetProperty("messages")[0].GetProperty("eventType").GetString().Should().Be("prison-offender-events.prisoner.merged");
        var (key, payload) = await host.StreamMessageAsync("ee46cb90-a2de-57bf-86ba-9d2eba64647a");
        key.Should().Be("A1244AB");
        payload.GetProperty("eventType").GetString().Should().Be("prison-offender-events.prisoner.merged");
        payload.GetProperty("additionalInformation").GetProperty("removedNomsNumber").GetString().Should().Be("A4432FD");
    }

    [Fact]
    public async Task An_SQS_batch_appends_every_record_by_its_id_unwrapping_SNS_bodies()
    {
        using var client = host.As(ApiRoles.Operator);
        string sqsId = Envelopes.NewId(), snsId = Envelopes.NewId();
        var body = Envelopes.Sqs(
            (sqsId, Envelopes.Event("test.changed", "K1")),
            (Envelopes.NewId(), Envelopes.Sns(snsId, Envelopes.Event("test.changed", "K2"))));

        var receipt = await (await client.PostAsync(Path, Requests.Json(body))).JsonAsync(HttpStatusCode.Accepted);

        receipt.GetProperty("appended").GetInt32().Should().Be(2);
        receipt.GetProperty("messages")[1].GetProperty("index").GetInt32().Should().Be(1);
        (await host.StreamMessageAsync(sqsId)).Key.Should().Be("K1", "a raw record body is identified by the SQS messageId");
        (await host.StreamMessageAsync(snsId)).Key.Should().Be("K2", "an SNS record body is identified by the SNS MessageId");
    }

    [Fact]
    public async Task The_real_Hackney_SQS_envelope_is_routed_by_its_entity_id()
    {
        using var client = host.As(ApiRoles.Operator);
        (await client.PostAsync(Path, Requests.Json(Envelopes.Contract("hackney/hackney-sqs-envelope-PersonCreatedEvent-v1.json")))).StatusCode
            .Should().Be(HttpStatusCode.Accepted);

        (await host.StreamMessageAsync("19dd0b57-b21e-4ac1-bd88-01bbb068cb78")).Key.Should().Be("45c76564-2e38-48f3-bb31-6bab2fef8623");
    }

    [Fact]
    public async Task An_SQS_batch_with_one_bad_record_is_refused_whole_naming_the_record()
    {
        using var client = host.As(ApiRoles.Operator);
        string first = Envelopes.NewId(), third = Envelopes.NewId();
        var body = Envelopes.Sqs(
            (first, Envelopes.Event("test.changed", "K1")),
            (Envelopes.NewId(), "{\"eventType\": \"test.changed\", \"entity\": "),
            (third, Envelopes.Event("test.changed", "K3")));

        var problem = await (await client.PostAsync(Path, Requests.Json(body))).ProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorsFor("Records[1].body").Should().Contain("not valid JSON");
        (await host.StreamRowsAsync(first)).Should().Be(0, "nothing of a refused batch is appended");
        (await host.StreamRowsAsync(third)).Should().Be(0);
    }

    [Fact]
    public async Task An_SQS_batch_whose_record_fails_classification_is_refused_whole_naming_the_record_and_field()
    {
        using var client = host.As(ApiRoles.Operator);
        var first = Envelopes.NewId();
        var body = Envelopes.Sqs(
            (first, Envelopes.Event("test.changed", "K1")),
            (Envelopes.NewId(), Envelopes.Sns(Envelopes.NewId(), """{"eventType":"test.changed"}""")));

        var problem = await (await client.PostAsync(Path, Requests.Json(body))).ProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorsFor("Records[1].body.Message").Should().Contain("'entity' is required");
        (await host.StreamRowsAsync(first)).Should().Be(0);
    }

    [Fact]
    public async Task A_raw_event_is_identified_by_its_Idempotency_Key()
    {
        using var client = host.As(ApiRoles.Operator);
        var key = Envelopes.NewId();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Requests.Json(Envelopes.Event("test.changed", "R1", new { attempt = i })) };
            request.Headers.Add("Idempotency-Key", key);
            var receipt = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Accepted);
            receipt.GetProperty("messages")[0].GetProperty("messageId").GetString().Should().Be(key);
        }

        (await host.StreamRowsAsync(key)).Should().Be(1, "the second post carries the same key, even with a different body");
    }

    [Fact]
    public async Task A_raw_event_is_identified_by_X_Message_Id_else_by_its_own_id_else_by_the_hash_of_its_bytes()
    {
        using var client = host.As(ApiRoles.Operator);
        var headerId = Envelopes.NewId();
        using (var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Requests.Json(Envelopes.Event("test.changed", "R2")) })
        {
            request.Headers.Add("X-Message-Id", headerId);
            (await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("messages")[0].GetProperty("messageId").GetString().Should().Be(headerId);
        }

        var ownId = Envelopes.NewId();
        var withOwnId = JsonSerializer.Serialize(new { eventType = "test.changed", entity = "R3", id = ownId });
        (await (await client.PostAsync(Path, Requests.Json(withOwnId))).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("messages")[0].GetProperty("messageId").GetString().Should().Be(ownId, "the source's classification reads the event's own id");

        var bare = Envelopes.Event("test.changed", "R4", new { unique = Envelopes.NewId() });
        var first = await (await client.PostAsync(Path, Requests.Json(bare))).JsonAsync(HttpStatusCode.Accepted);
        var second = await (await client.PostAsync(Path, Requests.Json(bare))).JsonAsync(HttpStatusCode.Accepted);
        var hashId = first.GetProperty("messages")[0].GetProperty("messageId").GetString()!;
        hashId.Should().StartWith("sha256:");
        second.GetProperty("duplicates").GetInt32().Should().Be(1, "a byte-identical resend has the same hash");
        (await host.StreamRowsAsync(hashId)).Should().Be(1);
    }

    [Fact]
    public async Task Differing_Idempotency_Key_and_X_Message_Id_are_refused()
    {
        using var client = host.As(ApiRoles.Operator);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Requests.Json(Envelopes.Event("test.changed", "R5")) };
        request.Headers.Add("Idempotency-Key", "a");
        request.Headers.Add("X-Message-Id", "b");
        var problem = await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorsFor("Idempotency-Key").Should().Contain("X-Message-Id");
    }

    [Fact]
    public async Task An_event_type_the_source_skips_is_recorded_once_acknowledged_and_not_appended()
    {
        using var client = host.As(ApiRoles.Operator);
        var messageId = Envelopes.NewId();
        var body = Envelopes.Sns(messageId, Envelopes.Event("test.skip", "S1"));

        var receipt = await (await client.PostAsync(Path, Requests.Json(body))).JsonAsync(HttpStatusCode.Accepted);
        (await client.PostAsync(Path, Requests.Json(body))).StatusCode.Should().Be(HttpStatusCode.Accepted, "a redelivered skip is acknowledged again");

        receipt.GetProperty("skipped").GetInt32().Should().Be(1);
        receipt.GetProperty("messages")[0].GetProperty("outcome").GetString().Should().Be("skipped");
        (await host.StreamRowsAsync(messageId)).Should().Be(0);
        using var admin = host.As(ApiRoles.Admin);
        var skipped = await (await admin.GetAsync($"/events/skipped?source={ApiHost.SubscribedNamespace}&limit=1000")).JsonAsync(HttpStatusCode.OK);
        var recorded = skipped.EnumerateArray().Where(s => s.GetProperty("messageId").GetString() == messageId).ToList();
        recorded.Should().ContainSingle("a skip is recorded once per message id");
        recorded[0].GetProperty("eventType").GetString().Should().Be("test.skip");
        recorded[0].GetProperty("reason").GetString().Should().Contain("not handled");
        recorded[0].GetProperty("payload").GetProperty("entity").GetString().Should().Be("S1");
    }

    [Fact]
    public async Task An_event_for_a_namespace_nobody_subscribes_to_is_recorded_as_skipped_not_dropped()
    {
        using var client = host.As(ApiRoles.Operator);
        var messageId = Envelopes.NewId();
        var receipt = await (await client.PostAsync("/events/api-tests-unsubscribed", Requests.Json(Envelopes.Sns(messageId, Envelopes.Event("test.changed", "U1")))))
            .JsonAsync(HttpStatusCode.Accepted);

        var message = receipt.GetProperty("messages")[0];
        message.GetProperty("outcome").GetString().Should().Be("skipped");
        message.GetProperty("detail").GetString().Should().Contain("No grain subscribes");
    }

    [Fact]
    public async Task An_SNS_subscription_confirmation_is_recorded_and_acknowledged_and_its_URL_is_never_fetched()
    {
        // A listener at the SubscribeURL: any fetch would show up as a pending connection.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/?Action=ConfirmSubscription&Token=secret-token";
        var messageId = Envelopes.NewId();
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Type"] = "SubscriptionConfirmation",
            ["MessageId"] = messageId,
            ["Token"] = "secret-token",
            ["TopicArn"] = "arn:aws:sns:eu-west-2:000000000000:api-tests",
            ["Message"] = "You have chosen to subscribe to the topic. To confirm the subscription, visit the SubscribeURL included in this message.",
            ["SubscribeURL"] = url,
            ["Timestamp"] = "2024-01-01T00:00:00.000Z",
        });
        using var client = host.As(ApiRoles.Operator);

        var receipt = await (await client.PostAsync(Path, Requests.Json(body))).JsonAsync(HttpStatusCode.Accepted);

        receipt.GetProperty("confirmations").GetInt32().Should().Be(1);
        var message = receipt.GetProperty("messages")[0];
        message.GetProperty("outcome").GetString().Should().Be("recorded");
        message.GetProperty("detail").GetString().Should().Contain("operator must");
        receipt.ToString().Should().NotContain("secret-token", "the answer does not echo the subscription token");
        using var admin = host.As(ApiRoles.Admin);
        var confirmations = await (await admin.GetAsync("/events/subscription-confirmations?limit=1000")).JsonAsync(HttpStatusCode.OK);
        var recorded = confirmations.EnumerateArray().Single(c => c.GetProperty("messageId").GetString() == messageId);
        recorded.GetProperty("subscribeUrl").GetString().Should().Be(url, "the operator needs it to confirm");
        recorded.GetProperty("looksLikeAmazonSns").GetBoolean().Should().BeFalse("127.0.0.1 is not an SNS host");
        listener.Pending().Should().BeFalse("the gateway must never fetch a SubscribeURL");
        (await host.StreamRowsAsync(messageId)).Should().Be(0);
    }

    [Fact]
    public async Task The_event_sources_are_listed_for_readers()
    {
        using var client = host.As(ApiRoles.Reader);
        var sources = await (await client.GetAsync("/events/sources")).JsonAsync(HttpStatusCode.OK);
        var names = sources.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        names[ApiHost.SubscribedNamespace].GetProperty("hasSubscribers").GetBoolean().Should().BeTrue();
        names["api-tests-unsubscribed"].GetProperty("hasSubscribers").GetBoolean().Should().BeFalse();
        names.Should().ContainKey("tenure");
    }
}
