using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSync.Api.Http;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// Reads an ingestion request body in one of three shapes and checks all of it before anything is
/// appended:
/// <list type="bullet">
/// <item>an SNS message: <c>{"Type":"Notification","MessageId":..,"Message":"&lt;event JSON&gt;","MessageAttributes":{"eventType":{"Value":..}}}</c>,
/// or a SubscriptionConfirmation / UnsubscribeConfirmation;</item>
/// <item>an SQS batch: <c>{"Records":[{"messageId":..,"body":"&lt;SNS message or event JSON&gt;"}]}</c>;</item>
/// <item>one raw event (any other JSON object).</item>
/// </list>
/// Message ids: an SNS message's MessageId; else an SQS record's messageId; else (raw event) the
/// Idempotency-Key header, else X-Message-Id, else the id the source's classification reads from the
/// event, else "sha256:" + the SHA-256 of the body's bytes (so a byte-identical resend is a duplicate).
/// </summary>
internal sealed class InboundParser
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string MessageIdHeader = "X-Message-Id";

    /// <summary>The stream's limit on message ids.</summary>
    public const int MaxMessageIdLength = 400;

    /// <summary>SQS receives at most 10 messages at a time and a Lambda-style batch rarely more than a few hundred; the body size limit usually binds first.</summary>
    public const int MaxRecords = 1000;

    /// <summary>Enough to show what is wrong with a batch without an answer as large as the request.</summary>
    public const int MaxErrors = 50;

    private static readonly HashSet<string> SnsTypes = new(StringComparer.Ordinal) { "Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation" };

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<InboundMessage> _messages = [];

    private InboundParser()
    {
    }

    /// <summary>Every problem found, by field; empty when the request is well formed.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public IReadOnlyList<InboundMessage> Messages => _messages;

    /// <summary>"sns", "sqs" or "raw".</summary>
    public string Shape { get; private set; } = "raw";

    public static InboundParser Parse(ReadOnlyMemory<byte> body, string? idempotencyKey, string? messageIdHeader)
    {
        var parser = new InboundParser();
        parser.ParseBody(body, idempotencyKey, messageIdHeader);
        return parser;
    }

    /// <summary>Records an error against a field (up to <see cref="MaxErrors"/> fields).</summary>
    public void AddError(string field, string reason)
    {
        if (_errors.TryGetValue(field, out var reasons))
        {
            reasons.Add(reason);
        }
        else if (_errors.Count < MaxErrors)
        {
            _errors[field] = [reason];
        }
    }

    public void DisposeEvents()
    {
        foreach (var message in _messages.OfType<InboundEvent>())
        {
            message.Event.Dispose();
        }
    }

    private void ParseBody(ReadOnlyMemory<byte> body, string? idempotencyKey, string? messageIdHeader)
    {
        if (body.IsEmpty)
        {
            AddError("body", "The body is empty; send an SNS message, an SQS batch or one event as a JSON object.");
            return;
        }

        if (!TryParseJson(body, "body", out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                AddError("body", $"Must be a JSON object (an SNS message, an SQS batch or one event), not {Describe(root)}.");
                return;
            }

            if (root.TryGetProperty("Records", out var records))
            {
                Shape = "sqs";
                ParseBatch(records);
            }
            else if (IsSnsMessage(root))
            {
                Shape = "sns";
                ParseSns(root, index: null, prefix: "");
            }
            else
            {
                var givenId = HeaderId(idempotencyKey, messageIdHeader);
                AddEvent(index: null, field: "body", givenId, body, root, attributeEventType: null);
            }
        }
    }

    private void ParseBatch(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            AddError("Records", $"Must be an array of SQS records, not {Describe(records)}.");
            return;
        }

        var count = records.GetArrayLength();
        if (count is 0 or > MaxRecords)
        {
            AddError("Records", $"Must hold 1 to {MaxRecords} records; it holds {count}.");
            return;
        }

        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var field = $"Records[{index}]";
            if (record.ValueKind != JsonValueKind.Object)
            {
                AddError(field, $"Must be an SQS record object, not {Describe(record)}.");
            }
            else
            {
                var messageId = RequiredString(record, $"{field}.messageId", "messageId", "MessageId");
                var bodyText = RequiredString(record, $"{field}.body", "body", "Body");
                if (messageId is not null)
                {
                    CheckMessageId($"{field}.messageId", messageId);
                }

                if (bodyText is not null)
                {
                    ParseRecordBody(index, $"{field}.body", messageId, bodyText);
                }
            }

            index++;
        }
    }

    private void ParseRecordBody(int index, string field, string? recordMessageId, string bodyText)
    {
        var bytes = Encoding.UTF8.GetBytes(bodyText);
        if (!TryParseJson(bytes, field, out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                AddError(field, $"Must be a JSON object (an SNS message or one event), not {Describe(root)}.");
            }
            else if (IsSnsMessage(root))
            {
                ParseSns(root, index, field + ".");
            }
            else
            {
                AddEvent(index, field, recordMessageId, bytes, root, attributeEventType: null);
            }
        }
    }

    private void ParseSns(JsonElement envelope, int? index, string prefix)
    {
        var type = envelope.GetProperty("Type").GetString()!;
        var messageId = RequiredString(envelope, prefix + "MessageId", "MessageId");
        if (messageId is not null)
        {
            CheckMessageId(prefix + "MessageId", messageId);
        }

        if (type != "Notification")
        {
            var topicArn = RequiredString(envelope, prefix + "TopicArn", "TopicArn");
            var subscribeUrl = OptionalString(envelope, prefix + "SubscribeURL", "SubscribeURL");
            if (messageId is not null && topicArn is not null)
            {
                _messages.Add(new InboundConfirmation(index, prefix + "Type", type, messageId, topicArn, subscribeUrl));
            }

            return;
        }

        var attributeEventType = AttributeEventType(envelope, prefix);
        var messageText = RequiredString(envelope, prefix + "Message", "Message");
        if (messageText is null)
        {
            return;
        }

        var field = prefix + "Message";
        var bytes = Encoding.UTF8.GetBytes(messageText);
        if (!TryParseJson(bytes, field, out var document))
        {
            return;
        }

        using (document)
        {
            AddEvent(index, field, messageId, bytes, document.RootElement, attributeEventType);
        }
    }

    /// <summary>MessageAttributes.eventType.Value, where HMPPS publishers put the type (older messages have none inside).</summary>
    private string? AttributeEventType(JsonElement envelope, string prefix)
    {
        if (!envelope.TryGetProperty("MessageAttributes", out var attributes) || attributes.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (attributes.ValueKind != JsonValueKind.Object)
        {
            AddError(prefix + "MessageAttributes", $"Must be an object, not {Describe(attributes)}.");
            return null;
        }

        if (!attributes.TryGetProperty("eventType", out var eventType))
        {
            return null;
        }

        if (eventType.ValueKind != JsonValueKind.Object || !eventType.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            AddError(prefix + "MessageAttributes.eventType.Value", "Must be a string (the event type).");
            return null;
        }

        return value.GetString();
    }

    private void AddEvent(int? index, string field, string? givenId, ReadOnlyMemory<byte> bytes, JsonElement root, string? attributeEventType)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            AddError(field, $"The event must be a JSON object, not {Describe(root)}.");
            return;
        }

        var hashId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        string payload;
        if (attributeEventType is not null && !root.TryGetProperty("eventType", out _))
        {
            var node = JsonNode.Parse(root.GetRawText())!.AsObject();
            node["eventType"] = attributeEventType;
            payload = node.ToJsonString();
        }
        else
        {
            payload = root.GetRawText();
        }

        _messages.Add(new InboundEvent(index, field, givenId, hashId, JsonDocument.Parse(payload), payload));
    }

    private string? HeaderId(string? idempotencyKey, string? messageIdHeader)
    {
        if (idempotencyKey is not null && messageIdHeader is not null && idempotencyKey != messageIdHeader)
        {
            AddError(IdempotencyKeyHeader, $"Differs from {MessageIdHeader}; send one of them, or both with the same value.");
            return null;
        }

        var (header, value) = idempotencyKey is not null ? (IdempotencyKeyHeader, idempotencyKey) : (MessageIdHeader, messageIdHeader);
        if (value is null)
        {
            return null;
        }

        return CheckMessageId(header, value) ? value : null;
    }

    private bool CheckMessageId(string field, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            AddError(field, "Must not be empty.");
            return false;
        }

        if (id.Length > MaxMessageIdLength)
        {
            AddError(field, $"Must be at most {MaxMessageIdLength} characters; it has {id.Length}.");
            return false;
        }

        if (id.Any(char.IsControl))
        {
            AddError(field, "Must not contain control characters.");
            return false;
        }

        return true;
    }

    private string? RequiredString(JsonElement element, string field, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }

                AddError(field, $"Must be a string, not {Describe(value)}.");
                return null;
            }
        }

        AddError(field, "Is required.");
        return null;
    }

    private string? OptionalString(JsonElement element, string field, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        AddError(field, $"Must be a string, not {Describe(value)}.");
        return null;
    }

    private bool TryParseJson(ReadOnlyMemory<byte> bytes, string field, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException error)
        {
            // The reader's message names the position ("... LineNumber: 0 | BytePositionInLine: 7."), not the content.
            AddError(field, $"Is not valid JSON: {error.Message}");
            document = null;
            return false;
        }

        // Refused here rather than by PostgreSQL when the batch is appended, so nothing of the request is written.
        if (StorableJson.FindProblem(document.RootElement) is { } problem)
        {
            AddError(problem.Path.Length == 0 ? field : field == "body" ? problem.Path : $"{field}.{problem.Path}", problem.Reason);
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    private static bool IsSnsMessage(JsonElement root) =>
        root.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String && SnsTypes.Contains(type.GetString()!);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
