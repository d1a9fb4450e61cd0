using System.Text.Json;
using OrleansSync.Api.Ingestion;
using OrleansSync.Api.PrisonTransfers;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.PrisonTransfers;

namespace OrleansSync.Api.Incentives;

/// <summary>
/// The inbound event sources of the incentives sync. The gateway removes any SNS/SQS envelope and hands
/// the inner event here; ids may be strings or numbers, as the HMPPS fixtures and producers differ.
/// </summary>
public static class IncentiveEventSources
{
    /// <summary>NOMIS offender events at <c>POST /events/offender-events</c>, keyed by NOMS number.</summary>
    public static EventSource OffenderEvents { get; } = new("offender-events", IncentiveStreams.OffenderEvents, ClassifyOffenderEvent);

    /// <summary>HMPPS domain events at <c>POST /events/domain-events</c>.</summary>
    public static EventSource DomainEvents { get; } = new("domain-events", IncentiveStreams.HmppsDomainEvents, ClassifyDomainEvent);

    /// <summary>
    /// IEP_UPSERTED and IEP_DELETED go to the prisoner's grain (offenderIdDisplay), which decides on the
    /// audit module; they need offenderIdDisplay, bookingId and iepSeq. Other offender events are skipped.
    /// </summary>
    public static EventClassification ClassifyOffenderEvent(JsonElement message)
    {
        if (HmppsEvents.EventTypeOf(message) is not { } eventType)
        {
            return EventClassification.Invalid("unknown", "eventType is required (a string).");
        }

        if (!NomisOffenderEvent.IsIepEvent(eventType))
        {
            return EventClassification.Skip(eventType, $"The incentives sync handles only {NomisOffenderEvent.IepUpserted} and {NomisOffenderEvent.IepDeleted} offender events.");
        }

        return NomisOffenderEvent.TryParse(message, out var offenderEvent, out var error)
            ? EventClassification.Route(eventType, offenderEvent!.OffenderIdDisplay) with { MessageId = offenderEvent.EventId }
            : EventClassification.Invalid(eventType, error!);
    }

    /// <summary>
    /// incentives.iep-review.inserted goes to the prisoner's grain, which sends the review to NOMIS unless
    /// it is there already or came from NOMIS. An event without additionalInformation.nomsNumber (the SNS
    /// fixture carries only the id) is keyed <c>incentive-review-{id}</c>; that grain hands it to the
    /// prisoner's. The transfer events go to the prisoner (<see cref="TransferEventSources"/>). Other domain events are skipped.
    /// </summary>
    public static EventClassification ClassifyDomainEvent(JsonElement message)
    {
        if (HmppsEvents.EventTypeOf(message) is not { } eventType)
        {
            return EventClassification.Invalid("unknown", "eventType is required (in the event or its SNS MessageAttributes).");
        }

        if (TransferEvent.IsTransferEvent(eventType))
        {
            return TransferEventSources.Classify(eventType, message);
        }

        if (eventType == PrisonerReceivedEvent.EventType)
        {
            // Prisoner movements create admission and transfer reviews (the prisoner's grain decides by reason).
            return PrisonerReceivedEvent.TryParse(message, out var received, out var receivedError)
                ? EventClassification.Route(eventType, received!.NomsNumber)
                : EventClassification.Invalid(eventType, receivedError!);
        }

        if (eventType != IncentiveReviewEvent.Inserted)
        {
            return EventClassification.Skip(eventType, $"The incentives sync acts only on {IncentiveReviewEvent.Inserted} domain events.");
        }

        return IncentiveReviewEvent.TryParse(message, out var reviewEvent, out var error)
            ? EventClassification.Route(eventType, reviewEvent!.NomsNumber ?? $"incentive-review-{reviewEvent.ReviewId}")
            : EventClassification.Invalid(eventType, error!);
    }
}
