namespace OrleansSync.Postgres.Streams;

/// <summary>The stream provider's named queries (Sql/Streams.sql).</summary>
internal static class StreamSql
{
    public static string Get(string name) => SqlScripts.Get<PostgresStreamOptions>("Streams", name);
}
