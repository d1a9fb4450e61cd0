namespace OrleansSync.Api.Tests.Ingestion;

/// <summary>Builds the request shapes POST /events/{source} accepts.</summary>
public static class Envelopes
{
    public static string NewId() => Guid.NewGuid().ToString();

    public static string Event(string eventType, string entity, object? extra = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["eventType"] = eventType, ["entity"] = entity, ["extra"] = extra });

    public static string Sns(string messageId, string message, string? attributeEventType = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["Type"] = "Notification",
        ["MessageId"] = messageId,
        ["TopicArn"] = "arn:aws:sns:eu-west-2:000000000000:api-tests",
        ["Message"] = message,
        ["Timestamp"] = "2024-01-01T00:00:00.000Z",
        ["MessageAttributes"] = attributeEventType is null ? null : new { eventType = new { Type = "String", Value = attributeEventType } },
    });

    public static string Sqs(params (string MessageId, string Body)[] records) => JsonSerializer.Serialize(new
    {
        Records = records.Select(r => new { messageId = r.MessageId, receiptHandle = "handle", body = r.Body, eventSource = "aws:sqs" }),
    });

    /// <summary>A contract fixture from ../shared/contracts, read from disk.</summary>
    public static string Contract(string relativePath)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("The tests must run inside a checkout to read ../shared/contracts.");
        return File.ReadAllText(Path.Combine(root, "..", "shared", "contracts", relativePath));
    }
}
