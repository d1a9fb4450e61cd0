using OrleansSync.Api;
using OrleansSync.Silo;

var builder = WebApplication.CreateBuilder(args);
await builder.AddEmbeddedPostgresWhenUnconfiguredAsync();
builder.AddSilo();
builder.AddSyncApi();
builder.AddSimulatorsWhenEnabled();

var app = builder.Build();
app.MapSyncApi();
app.MapSiloEndpoints();
app.MapSimulatorsWhenEnabled();
await app.RunAsync();

/// <summary>The silo's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
