using Microsoft.Extensions.Hosting;
using OrleansSync.Runtime.Tests.TestGrains;

// Usage: OrleansSync.TestSiloHost <connection string> <port>
// Prints "ready" once the silo serves, then runs until it is stopped or killed.
if (args.Length != 2 || !int.TryParse(args[1], out var port))
{
    Console.Error.WriteLine("usage: OrleansSync.TestSiloHost <connection string> <port>");
    return 2;
}

var app = TestSiloApplication.Build(args[0], port: port);
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;
