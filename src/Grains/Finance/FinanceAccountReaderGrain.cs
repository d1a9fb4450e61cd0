using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.Finance;

/// <summary>Answers account reads from committed rows, beside the tenure grains, so a read never queues behind a sync turn.</summary>
[GrainType("finance.account_reader")]
[Orleans.Concurrency.StatelessWorker]
public sealed class FinanceAccountReaderGrain(NpgsqlDataSource database, IOptions<FinanceOptions> options) : Grain, IFinanceAccountReaderGrain
{
    Task<FinanceAccount?> IFinanceAccountReaderGrain.GetAsync(Guid accountId) =>
        Db.ReadAsync(database, db => FinanceAccounts.ByIdAsync(db, accountId));

    async Task<IReadOnlyList<FinanceAccount>> IFinanceAccountReaderGrain.FindByTargetAsync(Guid targetId, string? accountType) =>
        await Db.ReadAsync(database, db => FinanceAccounts.ByTargetAsync(db, targetId, accountType));

    async Task<IReadOnlyList<FinanceAccount>> IFinanceAccountReaderGrain.FindByPaymentReferenceAsync(string paymentReference) =>
        await Db.ReadAsync(database, db => FinanceAccounts.ByPaymentReferenceAsync(db, paymentReference));

    async Task<FinanceStatus> IFinanceAccountReaderGrain.GetStatusAsync()
    {
        var (accounts, changes, pending, failing) = await Db.ReadAsync(database, async db =>
        {
            var counts = await db.SingleAsync(FinanceAccounts.File, "Counts", r => new long[] { r.GetInt64(0), r.GetInt64(1) });
            var pushes = await db.SingleAsync(FinancePushes.File, "Counts", r => new long[] { r.GetInt64(0), r.GetInt64(1) });
            return (counts![0], counts[1], pushes![0], pushes[1]);
        });
        var mode = options.Value.Mode;
        var spreadsheet = options.Value.WritesSpreadsheet
            ? await GrainFactory.GetGrain<IFinanceSpreadsheetGrain>(IFinanceSpreadsheetGrain.Key).GetStatusAsync()
            : null;
        var reconciliation = await GrainFactory.GetGrain<IFinanceReconciliationGrain>(IFinanceReconciliationGrain.Key).GetLastAsync();
        return new FinanceStatus(mode, accounts, changes, spreadsheet, options.Value.Pushes ? pending : 0, failing, reconciliation);
    }
}
