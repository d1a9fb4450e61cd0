namespace OrleansSync.Postgres.Entities;

/// <summary>The unit of work's named queries (Sql/Entities.sql).</summary>
internal static class EntitySql
{
    public static string Get(string name) => SqlScripts.Get<EntityGrain>("Entities", name);
}
