using OrleansSync.Api;
using OrleansSync.Api.Security;
using OrleansSync.Silo;

var builder = WebApplication.CreateBuilder(args);

// `./run.sh token --role reader --subject alice --days 7` prints a bearer token and exits.
if (TokenCommand.IsRequested(args))
{
    Environment.ExitCode = TokenCommand.Run(args, builder.Configuration, builder.Environment, Console.Out, Console.Error);
    return;
}

var embeddedPostgres = await builder.AddEmbeddedPostgresWhenUnconfiguredAsync();
builder.AddSilo();
builder.AddSyncApi();
builder.AddSimulatorsWhenEnabled(embeddedPostgres);
DemoData.AddWhenRequested(builder);

var app = builder.Build();
app.MapSyncApi();
app.MapSiloEndpoints();
app.MapSimulatorsWhenEnabled();
await app.RunAsync();

/// <summary>The silo's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
