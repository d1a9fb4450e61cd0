namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// SIGKILL of one of two silo processes under stream load: how long until its queues are served
/// again, and that nothing was lost or applied twice. It needs silos in separate processes sharing
/// membership, which waits for the ADO.NET clustering schema (TODO(schema)); the in-memory
/// localhost clustering used until then is a single-silo cluster, so the scenario says so and stops.
/// </summary>
public static class FailoverScenario
{
    public static Task RunAsync(BenchArgs args)
    {
        Console.WriteLine("failover: not available until the silos share ADO.NET clustering on PostgreSQL (TODO(schema)).");
        return Task.CompletedTask;
    }
}
