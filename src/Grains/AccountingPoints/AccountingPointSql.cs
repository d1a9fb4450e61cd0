using OrleansSync.Postgres;
using Npgsql;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>The domain's named queries (AccountingPoints/Sql/*.sql) and parameter helpers.</summary>
internal static class AccountingPointSql
{
    public static string Points(string name) => SqlScripts.Get<AccountingPointsOptions>("AccountingPoints", name);

    public static string Sync(string name) => SqlScripts.Get<AccountingPointsOptions>("AccountingPointSync", name);

    public static string Units(string name) => SqlScripts.Get<AccountingPointsOptions>("ControllableUnits", name);

    /// <summary>Adds positional parameters ($1, $2, …) in order; null becomes SQL NULL.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Normalize(value) ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Npgsql writes timestamptz only from UTC values.</summary>
    private static object? Normalize(object? value) => value switch
    {
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTimeOffset?[] instants => instants.Select(i => i?.ToUniversalTime()).ToArray(),
        _ => value,
    };

    public static DateTimeOffset? GetInstantOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? GetDoubleOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
