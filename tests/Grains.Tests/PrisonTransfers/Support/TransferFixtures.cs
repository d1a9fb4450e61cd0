using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers.Support;

/// <summary>The transfer events of ../shared/contracts/hmpps, with the prisoner's number filled in per test.</summary>
internal static class TransferFixtures
{
    /// <summary>prisoner-updated-location-domain-event.json (CAS2's Cas2DomainEventListenerTest) for <paramref name="nomsNumber"/>.</summary>
    public static string LocationChanged(string nomsNumber) =>
        HmppsFixtures.Text("prisoner-updated-location-domain-event.json").Replace("A1234AB", nomsNumber, StringComparison.Ordinal);

    /// <summary>allocation-changed-domain-event.json (no additionalInformation) for <paramref name="nomsNumber"/>.</summary>
    public static string AllocationChanged(string nomsNumber) =>
        HmppsFixtures.Text("allocation-changed-domain-event.json").Replace("A0123BY", nomsNumber, StringComparison.Ordinal);

    /// <summary>
    /// allocation.changed with additionalInformation (allocation-changed-with-additional-information.json's
    /// fields) and the personReference every real one carries.
    /// </summary>
    public static string AllocationChangedWithAdditionalInformation(string nomsNumber) =>
        $$$"""{"eventType":"offender-management.allocation.changed","additionalInformation":{"staffCode":123456,"prisonId":"PPP"},"occurredAt":"2025-03-25T10:15:23Z","personReference":{"identifiers":[{"type":"NOMS","value":"{{{nomsNumber}}}"}]}}""";

    /// <summary>prisoner-merged-domain-event.json with the removed and remaining numbers filled in.</summary>
    public static string Merged(string removedNomsNumber, string nomsNumber, long bookingId) =>
        HmppsFixtures.Text("prisoner-merged-domain-event.json")
            .Replace("A3646EA", removedNomsNumber, StringComparison.Ordinal)
            .Replace("A3645EA", nomsNumber, StringComparison.Ordinal)
            .Replace("1216772", bookingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
