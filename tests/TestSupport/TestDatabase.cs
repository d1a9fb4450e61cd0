using System.Text;
using Npgsql;

namespace OrleansSync.Testing;

/// <summary>
/// A fresh, uniquely named database on the test process's <see cref="PostgresServer"/>, dropped on
/// dispose. Each test class uses its own, so classes running in parallel never see each other's
/// rows, schema or advisory locks.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // PostgreSQL truncates identifiers to 63 bytes; the name is prefix + "_" + 32 hex digits.
    private const int MaxPrefixLength = 63 - 1 - 32;

    private readonly string _serverConnectionString;
    private int _disposed;

    private TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name: the prefix (lower-cased, letters, digits and '_') and a GUID.</summary>
    public string Name { get; }

    /// <summary>Connection string to this database, with the server's credentials.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database; <paramref name="prefix"/> (say, the test class name) makes it recognisable.</summary>
    public static async Task<TestDatabase> CreateAsync(string? prefix = null)
    {
        var server = await PostgresServer.GetConnectionStringAsync();
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(server, name, connectionString);
    }

    /// <summary>Runs one query with positional parameters ($1, $2, ...; null is SQL NULL) and returns its first value, null for SQL NULL or no row.</summary>
    public async Task<object?> ScalarAsync(string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? value : null;
    }

    /// <summary>Runs one statement with positional parameters and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Idle pooled connections would be killed by the drop and handed out broken later; FORCE
        // then ends whatever is still connected (a test that leaked a connection must not fail
        // the cleanup).
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnServerAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Keeps the name a plain lower-case identifier, so it needs no escaping anywhere and quoting
    /// it is only a formality.
    /// </summary>
    private static string Sanitize(string? prefix)
    {
        var builder = new StringBuilder();
        foreach (var character in (prefix ?? "test").ToLowerInvariant())
        {
            builder.Append(character is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? character : '_');
        }

        var sanitized = builder.Length == 0 || !char.IsAsciiLetterLower(builder[0]) ? "t" + builder : builder.ToString();
        return sanitized.Length > MaxPrefixLength ? sanitized[..MaxPrefixLength] : sanitized;
    }
}
