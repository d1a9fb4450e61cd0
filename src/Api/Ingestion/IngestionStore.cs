using OrleansSync.Postgres;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace OrleansSync.Api.Ingestion;

/// <summary>The gateway's tables (module "gateway"): skipped events and SNS subscription messages.</summary>
internal sealed partial class IngestionStore(NpgsqlDataSource dataSource)
{
    private const int MaxEventTypeLength = 400;
    private const int MaxReasonLength = 2000;

    public async Task RecordSkippedAsync(IReadOnlyList<(string Source, string MessageId, string EventType, string Reason, string PayloadJson)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var e in events)
        {
            await using var command = new NpgsqlCommand(Sql("SkippedEvents", "Insert"), connection, transaction);
            Add(command, e.Source, e.MessageId, Truncate(e.EventType is { Length: > 0 } type ? type : "unknown", MaxEventTypeLength),
                Truncate(e.Reason is { Length: > 0 } reason ? reason : "Skipped by the source's classification.", MaxReasonLength), e.PayloadJson);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordConfirmationsAsync(string source, IReadOnlyList<InboundConfirmation> confirmations, CancellationToken cancellationToken)
    {
        if (confirmations.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var c in confirmations)
        {
            await using var command = new NpgsqlCommand(Sql("SnsConfirmations", "Insert"), connection, transaction);
            Add(command, source, c.MessageType, c.MessageId, Truncate(c.TopicArn, 1000), c.SubscribeUrl is null ? null : Truncate(c.SubscribeUrl, 4000));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SkippedEvent>> ListSkippedAsync(string? source, long? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("SkippedEvents", "List"));
        Add(command, source, after, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<SkippedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(5));
            events.Add(new SkippedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                payload.RootElement.Clone(), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return events;
    }

    public async Task<IReadOnlyList<SnsConfirmation>> ListConfirmationsAsync(string? source, long? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("SnsConfirmations", "List"));
        Add(command, source, after, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var confirmations = new List<SnsConfirmation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.IsDBNull(5) ? null : reader.GetString(5);
            confirmations.Add(new SnsConfirmation(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                url, LooksLikeAmazonSns(url), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return confirmations;
    }

    /// <summary>Deletes up to <paramref name="batch"/> skipped events older than <paramref name="retention"/>; returns how many.</summary>
    public async Task<int> DeleteSkippedOlderThanAsync(TimeSpan retention, int batch, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("SkippedEvents", "DeleteOlderThan"));
        Add(command, retention, batch);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static bool LooksLikeAmazonSns(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && AmazonSnsHost().IsMatch(uri.Host);

    private static string Sql(string file, string name) => SqlScripts.Get<IngestionStore>(file, name);

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [GeneratedRegex(@"^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AmazonSnsHost();
}
