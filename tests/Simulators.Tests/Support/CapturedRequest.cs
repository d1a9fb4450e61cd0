namespace OrleansSync.Simulators.Tests.Support;

internal sealed record CapturedRequest(string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers);
