namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>The tenure API could not be read (down, timing out, answering an error); the event is retried by its stream.</summary>
public sealed class TenureApiException(string message, Exception? inner = null) : Exception(message, inner);
