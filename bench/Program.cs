using OrleansSync.Bench;
using OrleansSync.Bench.Scenarios;

var args_ = BenchArgs.Parse(args);
Func<BenchArgs, Task>? scenario = args_.Scenario switch
{
    "ingest" => IngestScenario.RunAsync,
    "latency" => LatencyScenario.RunAsync,
    "resync" => ResyncScenario.RunAsync,
    "activations" => ActivationsScenario.RunAsync,
    "failover" => FailoverScenario.RunAsync,
    "postgres-outage" => PostgresOutageScenario.RunAsync,
    "adapter-outage" => AdapterOutageScenario.RunAsync,
    _ => null,
};

if (scenario is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench -- <ingest|latency|resync|activations|failover|postgres-outage|adapter-outage> [--flag value ...]");
    return 2;
}

await scenario(args_);
return 0;
