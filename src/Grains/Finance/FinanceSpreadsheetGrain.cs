using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Finance.Spreadsheet;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// The single writer of the read-only workbook (one activation in the cluster, key "workbook"). The workbook
/// is rebuilt from the tables, never patched, so it always holds every account once and every change: a
/// lost notice or a restart can delay a write, never lose a row. A write goes to a temporary file in the
/// folder, is flushed to disk and renamed over the current copy (an atomic replace), so a reader sees the
/// old file or the new one, never half of one. Notices within <see cref="FinanceSpreadsheetOptions.WriteDelay"/>
/// share one write; a periodic check catches anything a notice missed.
/// </summary>
[GrainType("finance.spreadsheet")]
public sealed class FinanceSpreadsheetGrain(
    NpgsqlDataSource dataSource,
    IOptions<FinanceOptions> options,
    TimeProvider time,
    ILogger<FinanceSpreadsheetGrain> logger) : Grain, IFinanceSpreadsheetGrain
{
    private readonly FinanceSpreadsheetOptions _options = options.Value.Spreadsheet;
    private SheetPassword _password = null!;
    private IGrainTimer? _soon;
    private bool _soonPending;
    private SpreadsheetStatus _status = new(null, 0, 0, -1, null, null);

    private string FilePath => Path.GetFullPath(Path.Combine(_options.Folder, _options.FileName));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Unset: a random password nobody knows, so the sheets are protected all the same (fixes belong at the source).
        // The hash's 100,000 rounds take seconds on a loaded machine: off the grain's scheduler thread.
        var password = _options.Password ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _password = await Task.Run(() => SheetPassword.Create(password), cancellationToken);
        if (_options.Password is null)
        {
            logger.LogWarning("Finance:Spreadsheet:Password is not set; the workbook's sheets are protected with a random password");
        }

        _soon = this.RegisterGrainTimer(_ => WriteSoonAsync(), new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan });
        this.RegisterGrainTimer(_ => WriteIfChangedAsync(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _options.CheckInterval,
            KeepAlive = true,
        });
        await base.OnActivateAsync(cancellationToken);
    }

    Task IFinanceSpreadsheetGrain.AccountsChangedAsync()
    {
        if (!_soonPending)
        {
            _soonPending = true;
            _soon!.Change(_options.WriteDelay, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    async Task<SpreadsheetFile> IFinanceSpreadsheetGrain.GetWorkbookAsync()
    {
        await WriteIfChangedAsync();
        return new SpreadsheetFile(await File.ReadAllBytesAsync(FilePath), _status);
    }

    Task<SpreadsheetStatus> IFinanceSpreadsheetGrain.GetStatusAsync() => Task.FromResult(_status);

    private Task WriteSoonAsync()
    {
        _soonPending = false;
        return WriteIfChangedAsync();
    }

    private async Task WriteIfChangedAsync()
    {
        try
        {
            if (_status.UpToChangeId >= 0 && File.Exists(FilePath) && await WorkbookSnapshots.LatestChangeIdAsync(dataSource) <= _status.UpToChangeId)
            {
                return;
            }

            var snapshot = await WorkbookSnapshots.ReadAsync(dataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
                {
                    // Building thousands of rows is CPU work: off the grain's scheduler thread (the grain is not reentrant, so nothing interleaves).
                    var password = _password;
                    await Task.Run(() => FinanceWorkbook.Write(stream, snapshot, password));
                    await stream.FlushAsync();
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, FilePath, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            _status = new SpreadsheetStatus(time.GetUtcNow(), snapshot.Accounts.Count, snapshot.Changes.Count, snapshot.UpToChangeId, FilePath, null);
            logger.LogInformation("Finance workbook written: {Accounts} accounts, {Changes} changes, to {Path}", snapshot.Accounts.Count, snapshot.Changes.Count, FilePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NpgsqlException)
        {
            // Kept for the dashboard; the next notice or check tries again.
            _status = _status with { LastError = exception.Message };
            logger.LogError(exception, "Finance workbook could not be written to {Path}", FilePath);
        }
    }
}
