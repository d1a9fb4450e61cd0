namespace OrleansSync.Runtime.Storage;

/// <summary>The runtime's own named queries (src/Runtime/Sql/*.sql).</summary>
internal static class RuntimeSql
{
    public static string Cluster(string name) => SqlScripts.Get<Grain>("Cluster", name);

    public static string Leases(string name) => SqlScripts.Get<Grain>("Leases", name);

    public static string State(string name) => SqlScripts.Get<Grain>("State", name);

    public static string Reminders(string name) => SqlScripts.Get<Grain>("Reminders", name);

    public static string Streams(string name) => SqlScripts.Get<Grain>("Streams", name);
}
