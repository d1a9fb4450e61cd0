using static OrleansSync.Api.Tests.Corpus.BadBodies;

namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// Requests wrong for POST /events/{source} whatever the source: SNS envelopes whose Message is not
/// JSON or whose fields are wrong, SQS batches that are wrong as a whole or in one record (a good
/// record beside a bad one must not be appended either), ids repeated within a batch, bad headers,
/// and events holding text PostgreSQL cannot store. Plus, per real source, events naming an entity
/// by an invalid identifier.
/// </summary>
public static class IngestionCases
{
    public static IEnumerable<(string Name, byte[] Body, IReadOnlyDictionary<string, string>? Headers)> ForAnySource()
    {
        var id = "corpus-" + Guid.NewGuid();
        var good = "{\"eventType\":\"corpus.test\",\"entity\":\"E1\"}";

        yield return ("SNS Message is plain text", Sns(id, Quote("plain text, not an event")), null);
        yield return ("SNS Message is broken JSON", Sns(id, Quote("{\"eventType\":")), null);
        yield return ("SNS Message is an array", Sns(id, Quote("[1,2]")), null);
        yield return ("SNS Message is a number", Sns(id, Quote("42")), null);
        yield return ("SNS Message is an object, not a string", Sns(id, good), null);
        yield return ("SNS Message is empty", Sns(id, Quote("")), null);
        yield return ("SNS Message holds an escaped NUL", Sns(id, Quote("{\"eventType\":\"a\\u0000b\",\"entity\":\"E1\"}")), null);
        yield return ("SNS Message holds a lone surrogate", Sns(id, Quote("{\"eventType\":\"corpus.test\",\"entity\":\"\\ud800\"}")), null);
        yield return ("SNS Message holds a NUL in a property name", Sns(id, Quote("{\"event\\u0000Type\":\"corpus.test\",\"entity\":\"E1\"}")), null);
        yield return ("SNS Message is a string with a NUL", Utf8($"{{\"Type\":\"Notification\",\"MessageId\":\"{id}\",\"Message\":\"\\u0000\"}}"), null);
        yield return ("SNS Message missing", Utf8($"{{\"Type\":\"Notification\",\"MessageId\":\"{id}\"}}"), null);
        yield return ("SNS MessageId missing", Utf8($"{{\"Type\":\"Notification\",\"Message\":{JsonSerializer.Serialize(good)}}}"), null);
        yield return ("SNS MessageId a number", Sns("42", JsonSerializer.Serialize(good), quoteId: false), null);
        yield return ("SNS MessageId empty", Sns("", JsonSerializer.Serialize(good)), null);
        yield return ("SNS MessageId of 401 characters", Sns(new string('m', 401), JsonSerializer.Serialize(good)), null);
        yield return ("SNS MessageId with a control character", Sns("m\\u0001", JsonSerializer.Serialize(good)), null);
        yield return ("SNS MessageId with a NUL", Sns("m\\u0000", JsonSerializer.Serialize(good)), null);
        yield return ("SNS MessageId with invalid UTF-8", Concat(Utf8("{\"Type\":\"Notification\",\"MessageId\":\"m"), [0xFF], Utf8($"\",\"Message\":{JsonSerializer.Serialize(good)}}}")), null);
        yield return ("SNS MessageAttributes not an object", Utf8($"{{\"Type\":\"Notification\",\"MessageId\":\"{id}\",\"Message\":{JsonSerializer.Serialize(good)},\"MessageAttributes\":[1]}}"), null);
        yield return ("SNS eventType attribute a number", Utf8($"{{\"Type\":\"Notification\",\"MessageId\":\"{id}\",\"Message\":{JsonSerializer.Serialize(good)},\"MessageAttributes\":{{\"eventType\":{{\"Type\":\"String\",\"Value\":7}}}}}}"), null);
        yield return ("SNS eventType attribute with a NUL", Utf8($"{{\"Type\":\"Notification\",\"MessageId\":\"{id}\",\"Message\":{JsonSerializer.Serialize("{\"entity\":\"E1\"}")},\"MessageAttributes\":{{\"eventType\":{{\"Type\":\"String\",\"Value\":\"a\\u0000\"}}}}}}"), null);
        yield return ("SNS SubscriptionConfirmation without TopicArn", Utf8($"{{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":\"{id}\",\"SubscribeURL\":\"https://example.invalid/\"}}"), null);
        yield return ("SNS SubscriptionConfirmation with a NUL in TopicArn", Utf8($"{{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":\"{id}\",\"TopicArn\":\"arn\\u0000\"}}"), null);
        yield return ("SQS Records not an array", Utf8("{\"Records\":\"x\"}"), null);
        yield return ("SQS Records empty", Utf8("{\"Records\":[]}"), null);
        yield return ("SQS record not an object", Utf8("{\"Records\":[7]}"), null);
        yield return ("SQS record without messageId", Utf8($"{{\"Records\":[{{\"body\":{JsonSerializer.Serialize(good)}}}]}}"), null);
        yield return ("SQS record without body", Utf8($"{{\"Records\":[{{\"messageId\":\"{id}\"}}]}}"), null);
        yield return ("SQS record body not JSON", Sqs((id, "not json")), null);
        yield return ("SQS record body holding an SNS envelope whose Message is not JSON", Sqs((id, Encoding.UTF8.GetString(Sns(id + "-sns", Quote("not json"))))), null);
        yield return ("SQS good record beside a bad one", Sqs((id + "-good", good), (id + "-bad", "{\"eventType\":")), null);
        yield return ("SQS same messageId twice in one batch", Sqs((id, good), (id, good)), null);
        yield return ("SQS same messageId twice, different bodies", Sqs((id, good), (id, "{\"eventType\":\"corpus.other\",\"entity\":\"E2\"}")), null);
        yield return ("SQS messageId with a control character", Sqs(("m\u0001", good)), null);
        yield return ("SQS 1,001 records", Sqs([.. Enumerable.Range(0, 1001).Select(i => ($"{id}-{i}", good))]), null);
        yield return ("raw event with a NUL nested deep", Utf8("{\"eventType\":\"corpus.test\",\"entity\":\"E1\",\"detail\":{\"items\":[{\"name\":\"a\\u0000\"}]}}"), null);
        yield return ("raw event with a NUL in a property name", Utf8("{\"eventType\":\"corpus.test\",\"entity\":\"E1\",\"a\\u0000\":1}"), null);
        yield return ("raw event with invalid UTF-8 in a value", Concat(Utf8("{\"eventType\":\"corpus.test\",\"entity\":\""), [0xC3, 0x28], Utf8("\"}")), null);
        yield return ("raw event with invalid UTF-8 in a property name", Concat(Utf8("{\"eventType\":\"corpus.test\",\""), [0xFF], Utf8("\":1}")), null);
        yield return ("raw event with a lone low surrogate", Utf8("{\"eventType\":\"\\udc00\",\"entity\":\"E1\"}"), null);
        yield return ("raw event with a UTF-8 encoded surrogate", Concat(Utf8("{\"eventType\":\"corpus.test\",\"entity\":\""), [0xED, 0xB0, 0x80], Utf8("\"}")), null);
        yield return ("raw event whose Idempotency-Key differs from X-Message-Id", Utf8(good), new Dictionary<string, string> { ["Idempotency-Key"] = "a", ["X-Message-Id"] = "b" });
        yield return ("raw event with a blank Idempotency-Key", Utf8(good), new Dictionary<string, string> { ["Idempotency-Key"] = " " });
        yield return ("raw event with an Idempotency-Key of 401 characters", Utf8(good), new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 401) });
    }

    /// <summary>Events naming their entity by an invalid identifier, for the sources that read one.</summary>
    public static IEnumerable<(string Name, byte[] Body)> ForSource(string source)
    {
        switch (source)
        {
            case "offender-events":
                yield return ("IEP event with an invalid NOMS number", Utf8("{\"eventType\":\"IEP_UPSERTED\",\"offenderIdDisplay\":\"NOT-A-NOMS\",\"bookingId\":1,\"iepSeq\":1,\"nomisEventType\":\"IEP_UPSERTED\"}"));
                yield return ("IEP event without a NOMS number", Utf8("{\"eventType\":\"IEP_UPSERTED\",\"bookingId\":1,\"iepSeq\":1}"));
                yield return ("IEP event with a NOMS number holding a NUL", Utf8("{\"eventType\":\"IEP_UPSERTED\",\"offenderIdDisplay\":\"A1234\\u0000A\",\"bookingId\":1,\"iepSeq\":1}"));
                yield return ("IEP event with a bookingId that is text", Utf8("{\"eventType\":\"IEP_UPSERTED\",\"offenderIdDisplay\":\"A1234AA\",\"bookingId\":\"one\",\"iepSeq\":1}"));
                yield return ("event without an eventType", Utf8("{\"offenderIdDisplay\":\"A1234AA\"}"));
                break;
            case "domain-events":
                yield return ("review event with an invalid NOMS number", Utf8("{\"eventType\":\"incentives.iep-review.inserted\",\"additionalInformation\":{\"id\":1,\"nomsNumber\":\"bad\"},\"personReference\":{\"identifiers\":[{\"type\":\"NOMS\",\"value\":\"bad\"}]}}"));
                yield return ("review event with a review id that is text", Utf8("{\"eventType\":\"incentives.iep-review.inserted\",\"additionalInformation\":{\"id\":\"one\",\"nomsNumber\":\"A1234AA\"}}"));
                yield return ("event without an eventType", Utf8("{\"additionalInformation\":{\"id\":1}}"));
                break;
            case "datahub":
                yield return ("event with a GSRN of 17 digits", Utf8("{\"eventType\":\"accounting-point-changed\",\"gsrn\":\"57131310000000000\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}"));
                yield return ("event with a GSRN holding letters", Utf8("{\"eventType\":\"accounting-point-changed\",\"gsrn\":\"57131310000000000X\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}"));
                yield return ("event with a GSRN that is a number", Utf8("{\"eventType\":\"accounting-point-changed\",\"gsrn\":571313100000000000,\"occurredAt\":\"2026-01-01T00:00:00Z\"}"));
                yield return ("event without eventType", Utf8("{\"gsrn\":\"571313100000000000\"}"));
                break;
        }
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static byte[] Sns(string messageId, string messageToken, bool quoteId = true) =>
        Utf8($"{{\"Type\":\"Notification\",\"MessageId\":{(quoteId ? "\"" + messageId + "\"" : messageId)},\"Message\":{messageToken}}}");

    private static byte[] Sqs(params (string MessageId, string Body)[] records) =>
        Utf8(JsonSerializer.Serialize(new { Records = records.Select(r => new { messageId = r.MessageId, body = r.Body }) }));

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
