using Npgsql;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Answers reads of CAS2 applications from committed rows, beside the prisoner grains (see <see cref="ICas2ApplicationReaderGrain"/>).</summary>
[GrainType("transfers.application-reader")]
public sealed class Cas2ApplicationReaderGrain(NpgsqlDataSource database, IDeadLetters deadLetters) : Grain, ICas2ApplicationReaderGrain
{
    /// <summary>The dashboard lists this many pending prisoners; the count covers all.</summary>
    private const int PendingListed = 20;

    /// <summary>Dead letters are counted up to this many; the dashboard says "at least" beyond.</summary>
    private const int FailingCounted = 1000;

    Task<Cas2ApplicationPage> ICas2ApplicationReaderGrain.ListAsync(Cas2ApplicationQuery query) =>
        Db.ReadAsync(database, db => Cas2ApplicationRows.ListAsync(db, query));

    Task<Cas2Application?> ICas2ApplicationReaderGrain.GetAsync(Guid applicationId) =>
        Db.ReadAsync(database, db => Cas2ApplicationRows.GetDetailAsync(db, applicationId));

    async Task<TransfersStatus> ICas2ApplicationReaderGrain.GetStatusAsync()
    {
        var deadLettered = await deadLetters.ListAsync(new DeadLetterQuery(IncentiveStreams.HmppsDomainEvents, Limit: FailingCounted));
        var failing = deadLettered.LongCount(letter => letter.Subscriber is TransferPrisonerGrain.GrainTypeName or DeadLetter.AnyConsumer
            && TransferEvent.IsTransferEvent(EventTypeOf(letter.PayloadJson)));
        return await Db.ReadAsync(database, db => Cas2ApplicationRows.StatusAsync(db, failing, PendingListed));
    }

    private static string? EventTypeOf(string payloadJson)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(payloadJson);
            return HmppsEvents.EventTypeOf(document.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
