using System.Text.Json;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// The HMPPS domain events that move a CAS2 application (CONTRACTS.md §1.2–1.4), as the prisoner's
/// transfers grain reads them. They are thin: the grain asks prisoner search or the POM service for the
/// current state rather than trusting the event, so events that arrive late, twice or out of order
/// converge on the same assignments.
/// </summary>
/// <param name="NomsNumber">The prisoner the event is about (for a merge: the number that remains).</param>
/// <param name="RemovedNomsNumber">A merge's removed number; null for other events.</param>
/// <param name="LocationChanged">A prisoner.updated whose categoriesChanged contains LOCATION.</param>
[GenerateSerializer, Immutable]
public sealed record TransferEvent(string EventType, string NomsNumber, string? RemovedNomsNumber, bool LocationChanged)
{
    public const string PrisonerUpdated = "prisoner-offender-search.prisoner.updated";
    public const string AllocationChanged = "offender-management.allocation.changed";
    public const string PrisonerMerged = "prison-offender-events.prisoner.merged";

    /// <summary>The category of prisoner.updated that means the prisoner's prison may have changed.</summary>
    public const string LocationCategory = "LOCATION";

    public static bool IsTransferEvent(string? eventType) => eventType is PrisonerUpdated or AllocationChanged or PrisonerMerged;

    /// <summary>Reads an event; the error names the missing or malformed field.</summary>
    public static bool TryParse(JsonElement message, out TransferEvent? parsed, out string? error)
    {
        parsed = null;
        var eventType = Text(message, "eventType");
        if (!IsTransferEvent(eventType))
        {
            error = $"eventType must be one of {PrisonerUpdated}, {AllocationChanged}, {PrisonerMerged}.";
            return false;
        }

        var information = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("additionalInformation", out var info) && info.ValueKind == JsonValueKind.Object
            ? info
            : default;
        if (eventType == PrisonerMerged)
        {
            var kept = Text(information, "nomsNumber");
            var removed = Text(information, "removedNomsNumber");
            error = !IsNomsNumber(kept) ? "additionalInformation.nomsNumber is required: the NOMS number that remains, such as A1234AA."
                : !IsNomsNumber(removed) ? "additionalInformation.removedNomsNumber is required: the NOMS number merged away, such as A1234AA."
                : kept == removed ? "additionalInformation.removedNomsNumber must differ from additionalInformation.nomsNumber."
                : null;
            parsed = error is null ? new TransferEvent(eventType!, kept!, removed, LocationChanged: false) : null;
            return error is null;
        }

        // personReference is required by the schema; additionalInformation.nomsNumber is tolerated when it is missing.
        var nomsNumber = PersonReferenceNoms(message) ?? Text(information, "nomsNumber");
        if (!IsNomsNumber(nomsNumber))
        {
            error = "personReference.identifiers must hold a NOMS identifier ({\"type\":\"NOMS\",\"value\":\"A1234AA\"}).";
            return false;
        }

        var locationChanged = eventType == PrisonerUpdated
            && information.ValueKind == JsonValueKind.Object
            && information.TryGetProperty("categoriesChanged", out var categories)
            && categories.ValueKind == JsonValueKind.Array
            && categories.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == LocationCategory);
        parsed = new TransferEvent(eventType!, nomsNumber!, null, locationChanged);
        error = null;
        return true;
    }

    private static string? PersonReferenceNoms(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("personReference", out var reference) || reference.ValueKind != JsonValueKind.Object
            || !reference.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return identifiers.EnumerateArray()
            .Where(identifier => Text(identifier, "type") == "NOMS")
            .Select(identifier => Text(identifier, "value"))
            .FirstOrDefault();
    }

    private static bool IsNomsNumber(string? value) => OrleansSync.Grains.Incentives.PrisonerNumbers.IsValid(value);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
