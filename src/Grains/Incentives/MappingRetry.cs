namespace OrleansSync.Grains.Incentives;

/// <summary>
/// An incentives-sync message: record the mapping of a DPS review already written to NOMIS
/// (prisoner-to-nomis-update's RETRY_CREATE_MAPPING). Retried with backoff, then a dead letter that an
/// operator can replay; NOMIS is never written to again for it.
/// </summary>
internal sealed record MappingRetry(string Type, long IncentiveId)
{
    public const string RetryCreateMapping = "RETRY_CREATE_MAPPING";
}
