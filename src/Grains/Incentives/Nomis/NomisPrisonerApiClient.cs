using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>
/// Typed client of the nomis-prisoner-api endpoints the incentives sync uses (hmpps-nomis-prisoner-api
/// IncentivesResource and PrisonersResource). Every failure surfaces as <see cref="NomisApiException"/>;
/// reads of something NOMIS does not have answer null.
/// </summary>
public sealed class NomisPrisonerApiClient(HttpClient http, NomisResilience resilience, IOptions<IncentivesOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NomisHttp _nomis = new(http, resilience, options, Json);

    /// <summary><c>GET /prisoners/{offenderNo}</c>: the prisoner's latest booking and location; null if NOMIS has no such prisoner.</summary>
    public Task<NomisPrisonerDetails?> GetPrisonerAsync(string offenderNo, CancellationToken cancellationToken = default) =>
        _nomis.ReadAsync<NomisPrisonerDetails>($"prisoners/{Uri.EscapeDataString(offenderNo)}", cancellationToken);

    /// <summary><c>GET /incentives/booking-id/{bookingId}/incentive-sequence/{sequence}</c>; null if the IEP does not exist (any more).</summary>
    public Task<NomisIncentive?> GetIncentiveAsync(long bookingId, long sequence, CancellationToken cancellationToken = default) =>
        _nomis.ReadAsync<NomisIncentive>(FormattableString.Invariant($"incentives/booking-id/{bookingId}/incentive-sequence/{sequence}"), cancellationToken);

    /// <summary><c>GET /incentives/booking-id/{bookingId}/current</c>: NOMIS' current IEP (latest date, then highest sequence); null if none.</summary>
    public Task<NomisIncentive?> GetCurrentIncentiveAsync(long bookingId, CancellationToken cancellationToken = default) =>
        _nomis.ReadAsync<NomisIncentive>(FormattableString.Invariant($"incentives/booking-id/{bookingId}/current"), cancellationToken);

    /// <summary><c>GET /incentives/ids</c>: a page of IEP keys created in the date range, oldest first.</summary>
    public async Task<NomisPage<NomisIncentiveId>> GetIncentiveIdsAsync(DateOnly? fromDate, DateOnly? toDate, int page, int size, CancellationToken cancellationToken = default)
    {
        var query = FormattableString.Invariant($"incentives/ids?page={page}&size={size}");
        query += fromDate is { } from ? "&fromDate=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        query += toDate is { } to ? "&toDate=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return await _nomis.ReadAsync<NomisPage<NomisIncentiveId>>(query, cancellationToken)
            ?? throw new NomisApiException("NOMIS answered 404 to GET /incentives/ids.", HttpStatusCode.NotFound);
    }

    /// <summary><c>GET /prisoners/ids/active</c>: a page of active prisoners with their latest booking, by booking id.</summary>
    public async Task<NomisPage<NomisPrisonerIds>> GetActivePrisonersAsync(int page, int size, CancellationToken cancellationToken = default) =>
        await _nomis.ReadAsync<NomisPage<NomisPrisonerIds>>(FormattableString.Invariant($"prisoners/ids/active?page={page}&size={size}"), cancellationToken)
        ?? throw new NomisApiException("NOMIS answered 404 to GET /prisoners/ids/active.", HttpStatusCode.NotFound);

    /// <summary>
    /// <c>POST /prisoners/{prisonNumber}/incentives</c>: records an IEP on the prisoner's latest booking
    /// (audited DPS_SYNCHRONISATION by NOMIS). Not retried here: a timed-out attempt may have been done.
    /// </summary>
    public Task<NomisCreateIncentiveResponse> CreateIncentiveAsync(string prisonNumber, NomisCreateIncentiveRequest request, CancellationToken cancellationToken = default) =>
        _nomis.WriteAsync<NomisCreateIncentiveRequest, NomisCreateIncentiveResponse>(
            HttpMethod.Post, $"prisoners/{Uri.EscapeDataString(prisonNumber)}/incentives", request, cancellationToken);

    /// <summary>A Java LocalDateTime as NOMIS reads it.</summary>
    public static string LocalDateTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
