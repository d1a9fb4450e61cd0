using System.Net;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>NOMIS could not be reached, timed out, or answered with an error; <see cref="StatusCode"/> is null when it never answered.</summary>
public sealed class NomisApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
