using System.Text.Json;
using OrleansSync.Api.Ingestion;
using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Api.PrisonTransfers;

/// <summary>
/// The transfer events among the HMPPS domain events (POST /events/domain-events): prisoner.updated,
/// allocation.changed and prisoner.merged go to the prisoner's stream, keyed by NOMS number (a merge by the
/// number that remains, so it is applied in order with that prisoner's later events). A prisoner.updated
/// without LOCATION is skipped here already: it cannot move an application.
/// </summary>
public static class TransferEventSources
{
    public static EventClassification Classify(string eventType, JsonElement message)
    {
        if (!TransferEvent.TryParse(message, out var transferEvent, out var error))
        {
            return EventClassification.Invalid(eventType, error!);
        }

        return transferEvent!.EventType == TransferEvent.PrisonerUpdated && !transferEvent.LocationChanged
            ? EventClassification.Skip(eventType, $"Only a prisoner.updated whose categoriesChanged contains {TransferEvent.LocationCategory} can move an application.")
            : EventClassification.Route(eventType, transferEvent.NomsNumber);
    }
}
