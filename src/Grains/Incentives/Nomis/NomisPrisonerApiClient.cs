using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>
/// Typed client of the nomis-prisoner-api endpoints the incentives sync uses (hmpps-nomis-prisoner-api
/// IncentivesResource and PrisonersResource). Every failure surfaces as <see cref="NomisApiException"/>;
/// reads of something NOMIS does not have answer null.
/// </summary>
public sealed class NomisPrisonerApiClient(HttpClient http, NomisResilience resilience, IOptions<IncentivesOptions> options)
{
    private const int MaxErrorBodyLength = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>GET /prisoners/{offenderNo}</c>: the prisoner's latest booking and location; null if NOMIS has no such prisoner.</summary>
    public Task<NomisPrisonerDetails?> GetPrisonerAsync(string offenderNo, CancellationToken cancellationToken = default) =>
        ReadAsync<NomisPrisonerDetails>($"prisoners/{Uri.EscapeDataString(offenderNo)}", cancellationToken);

    /// <summary><c>GET /incentives/booking-id/{bookingId}/incentive-sequence/{sequence}</c>; null if the IEP does not exist (any more).</summary>
    public Task<NomisIncentive?> GetIncentiveAsync(long bookingId, long sequence, CancellationToken cancellationToken = default) =>
        ReadAsync<NomisIncentive>(FormattableString.Invariant($"incentives/booking-id/{bookingId}/incentive-sequence/{sequence}"), cancellationToken);

    /// <summary><c>GET /incentives/booking-id/{bookingId}/current</c>: NOMIS' current IEP (latest date, then highest sequence); null if none.</summary>
    public Task<NomisIncentive?> GetCurrentIncentiveAsync(long bookingId, CancellationToken cancellationToken = default) =>
        ReadAsync<NomisIncentive>(FormattableString.Invariant($"incentives/booking-id/{bookingId}/current"), cancellationToken);

    /// <summary><c>GET /incentives/ids</c>: a page of IEP keys created in the date range, oldest first.</summary>
    public async Task<NomisPage<NomisIncentiveId>> GetIncentiveIdsAsync(DateOnly? fromDate, DateOnly? toDate, int page, int size, CancellationToken cancellationToken = default)
    {
        var query = FormattableString.Invariant($"incentives/ids?page={page}&size={size}");
        query += fromDate is { } from ? "&fromDate=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        query += toDate is { } to ? "&toDate=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return await ReadAsync<NomisPage<NomisIncentiveId>>(query, cancellationToken)
            ?? throw new NomisApiException("NOMIS answered 404 to GET /incentives/ids.", HttpStatusCode.NotFound);
    }

    /// <summary><c>GET /prisoners/ids/active</c>: a page of active prisoners with their latest booking, by booking id.</summary>
    public async Task<NomisPage<NomisPrisonerIds>> GetActivePrisonersAsync(int page, int size, CancellationToken cancellationToken = default) =>
        await ReadAsync<NomisPage<NomisPrisonerIds>>(FormattableString.Invariant($"prisoners/ids/active?page={page}&size={size}"), cancellationToken)
        ?? throw new NomisApiException("NOMIS answered 404 to GET /prisoners/ids/active.", HttpStatusCode.NotFound);

    /// <summary>
    /// <c>POST /prisoners/{prisonNumber}/incentives</c>: records an IEP on the prisoner's latest booking
    /// (audited DPS_SYNCHRONISATION by NOMIS). Not retried here: a timed-out attempt may have been done.
    /// </summary>
    public async Task<NomisCreateIncentiveResponse> CreateIncentiveAsync(string prisonNumber, NomisCreateIncentiveRequest request, CancellationToken cancellationToken = default)
    {
        var path = $"prisoners/{Uri.EscapeDataString(prisonNumber)}/incentives";
        using var response = await SendAsync(resilience.Writes, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(request, options: Json) }, cancellationToken);
        await EnsureSuccessAsync(response, "POST", path, cancellationToken);
        return await DeserializeAsync<NomisCreateIncentiveResponse>(response, "POST", path, cancellationToken);
    }

    /// <summary>A Java LocalDateTime as NOMIS reads it.</summary>
    public static string LocalDateTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await SendAsync(resilience.Reads, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "GET", path, cancellationToken);
        return await DeserializeAsync<T>(response, "GET", path, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var request = create();
                if (options.Value.Nomis.BearerToken is { Length: > 0 } bearer)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new NomisApiException($"NOMIS could not be reached: {exception.Message}", null, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new NomisApiException($"NOMIS did not answer within {options.Value.Nomis.Timeout}.", null, exception);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > MaxErrorBodyLength)
        {
            body = body[..MaxErrorBodyLength];
        }

        throw new NomisApiException($"NOMIS answered {(int)response.StatusCode} to {method} /{path.Split('?')[0]}: {body}", response.StatusCode);
    }

    private static async Task<T> DeserializeAsync<T>(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new NomisApiException($"NOMIS answered {method} /{path.Split('?')[0]} with an empty body.", response.StatusCode);
        }
        catch (JsonException exception)
        {
            throw new NomisApiException($"NOMIS answered {method} /{path.Split('?')[0]} with a body that does not match the contract: {exception.Message}", response.StatusCode, exception);
        }
    }
}
