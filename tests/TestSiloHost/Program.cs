using Microsoft.Extensions.Hosting;
using OrleansSync.Runtime.Tests.TestGrains;

// Usage: OrleansSync.TestSiloHost <connection string> <port> [lease seconds]
// Prints "ready" once the silo serves, then runs until it is stopped or killed.
if (args.Length is < 2 or > 3 || !int.TryParse(args[1], out var port))
{
    Console.Error.WriteLine("usage: OrleansSync.TestSiloHost <connection string> <port> [lease seconds]");
    return 2;
}

var lease = args.Length == 3 ? TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
var app = TestSiloApplication.Build(args[0], lease is null ? null : options =>
{
    options.LeaseDuration = lease.Value;
    options.SiloDeadAfter = lease.Value * 2;
}, port: port);
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;
