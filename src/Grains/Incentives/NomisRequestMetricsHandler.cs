using System.Globalization;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Counts every request to the NOMIS prisoner API (each retry attempt is a request) by result: the
/// HTTP status, "timeout" or "error" (no answer), as <c>incentives.nomis.requests</c>, the NOMIS
/// counterpart of the datahub adapter's request counter.
/// </summary>
internal sealed class NomisRequestMetricsHandler(IncentivesMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.NomisRequest(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.NomisRequest("timeout");
            throw;
        }
        catch (HttpRequestException)
        {
            metrics.NomisRequest("error");
            throw;
        }
    }
}
