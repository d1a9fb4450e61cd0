namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// Row counts of every stream and domain table (everything but Orleans' own membership, grain state
/// and reminders, and the queue checkpoints the pulling agents move), in one query, so a request can
/// be shown to have written nothing.
/// </summary>
public sealed class RowCounts(string connectionString)
{
    private string? _query;

    public async Task<IReadOnlyDictionary<string, long>> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _query ??= await BuildQueryAsync(connection);
        await using var command = new NpgsqlCommand(_query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public static IEnumerable<string> Differences(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key)} → {a.Value}");

    private static async Task<string> BuildQueryAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            select table_name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'
              and table_name not like 'orleans%' and table_name not in ('stream_queue_checkpoint', 'schema_migrations')
            order by table_name
            """, connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["stream_message", "gateway_skipped_event", "incentive_review", "controllable_unit"], "the corpus must watch the stream and domain tables");
        return string.Join(" union all ", tables.Select(t => $"select '{t}', count(*) from \"{t}\""));
    }
}
