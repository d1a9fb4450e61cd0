using OrleansSync.Postgres;
using Npgsql;

namespace OrleansSync.Grains.Incentives.Data;

/// <summary>
/// A connection and, for writes, the grain's fenced transaction; runs the named queries of the
/// incentives .sql files with positional parameters (null becomes SQL NULL).
/// </summary>
internal readonly record struct Db(NpgsqlConnection Connection, NpgsqlTransaction? Transaction)
{
    public static Db Of(IUnitOfWork unitOfWork) => new(unitOfWork.Connection, unitOfWork.Transaction);

    public NpgsqlCommand Command(string file, string query, params object?[] values)
    {
        var command = new NpgsqlCommand(SqlScripts.Get(typeof(Db).Assembly, file, query), Connection, Transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string file, string query, params object?[] values)
    {
        await using var command = Command(file, query, values);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string file, string query, params object?[] values)
    {
        await using var command = Command(file, query, values);
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }

    public async Task<List<T>> ListAsync<T>(string file, string query, Func<NpgsqlDataReader, T> read, params object?[] values)
    {
        await using var command = Command(file, query, values);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task<T?> SingleAsync<T>(string file, string query, Func<NpgsqlDataReader, T> read, params object?[] values) where T : class =>
        (await ListAsync(file, query, read, values)).FirstOrDefault();

    /// <summary>Runs <paramref name="work"/> on a pooled connection, for reads outside a unit of work.</summary>
    public static async Task<T> ReadAsync<T>(NpgsqlDataSource dataSource, Func<Db, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await work(new Db(connection, null));
    }
}
