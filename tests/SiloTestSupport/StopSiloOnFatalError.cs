using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansSync.Testing;

/// <summary>
/// What an in-process test silo does on an Orleans fatal error (for one, it finds itself declared
/// dead in the membership table): stop its own host. Orleans' default calls
/// <see cref="Environment.FailFast(string)"/>, which would kill the whole test process, every other
/// test class's silo with it, and leave the run with nothing but "test host crashed". Orleans'
/// TestCluster replaces the handler in the same way for its silos; this is the same for the real
/// silo host tests run through <see cref="SiloFactory"/>. The test whose silo stopped then fails
/// on its own, and the log says why.
/// </summary>
internal sealed class StopSiloOnFatalError(ILogger<StopSiloOnFatalError> logger, IHostApplicationLifetime lifetime) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => exception is not ThreadAbortException;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        logger.LogCritical(exception, "Fatal Orleans error from {Sender} ({Context}); this test silo stops instead of ending the test process", sender, context);
        lifetime.StopApplication();
    }
}
