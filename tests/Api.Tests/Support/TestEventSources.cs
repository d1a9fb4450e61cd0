using OrleansSync.Api.Ingestion;

namespace OrleansSync.Api.Tests.Support;

/// <summary>
/// Event sources registered only in the test host. Their events are keyed by "entity" (or the
/// fields real HMPPS / Hackney events name their entity with), so the contract fixtures route too.
/// Event type "test.skip" is skipped, "test.throw" makes the classification throw, and an event with
/// no entity is invalid.
/// </summary>
public static class TestEventSources
{
    /// <summary>Its namespace has one subscriber: a grain that always fails (FailingSubscriberGrain), so its messages become dead letters.</summary>
    public static readonly EventSource Subscribed = new(ApiHost.SubscribedNamespace, ApiHost.SubscribedNamespace, Classify);

    /// <summary>Nothing subscribes to its namespace.</summary>
    public static readonly EventSource Unsubscribed = new("api-tests-unsubscribed", "api-tests-unsubscribed", Classify);

    public static EventClassification Classify(JsonElement e)
    {
        var type = Text(e, "eventType") ?? "unknown";
        switch (type)
        {
            case "test.skip":
                return EventClassification.Skip(type, "Test events of this type are not handled.");
            case "test.throw":
                throw new InvalidOperationException("The test classifier cannot read this event.");
        }

        var key = Text(e, "entity") ?? Text(e, "offenderIdDisplay") ?? Text(e, "entityId")
            ?? (e.TryGetProperty("additionalInformation", out var info) && info.ValueKind == JsonValueKind.Object ? Text(info, "nomsNumber") : null);
        if (key is null)
        {
            return EventClassification.Invalid(type, "'entity' is required.");
        }

        var classification = EventClassification.Route(type, key);
        return Text(e, "id") is { } id ? classification with { MessageId = id } : classification;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
