using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.Finance.InterimFinance;

/// <summary>
/// The interim finance solution's API: <c>PUT api/accounts/{paymentReference}</c> (an upsert, so a repeat is
/// harmless), <c>GET api/accounts</c>. No retries here: the push's stream retries with backoff and
/// dead-letters, and the reconciliation repairs what is left.
/// </summary>
public sealed class InterimFinanceClient(HttpClient http, IOptions<FinanceOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly InterimFinanceOptions _options = options.Value.InterimFinance;

    /// <summary>Upserts; true when written, false when the interim side holds a newer version already (409).</summary>
    public async Task<bool> UpsertAsync(InterimAccount account, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(account.PaymentReference)}");
        request.Content = JsonContent.Create(account, options: Json);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InterimFinanceException($"The interim finance API answered HTTP {(int)response.StatusCode} to the upsert of {account.PaymentReference}.");
        }

        return true;
    }

    /// <summary>The interim solution's copy of an account, or null when it has none.</summary>
    public async Task<InterimAccount?> GetAsync(string paymentReference, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, $"api/accounts/{Uri.EscapeDataString(paymentReference)}");
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InterimFinanceException($"The interim finance API answered HTTP {(int)response.StatusCode} to the read of {paymentReference}.");
        }

        return await response.Content.ReadFromJsonAsync<InterimAccount>(Json, cancellationToken);
    }

    public async Task<IReadOnlyList<InterimAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, "api/accounts");
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InterimFinanceException($"The interim finance API answered HTTP {(int)response.StatusCode} to the account list.");
        }

        return await response.Content.ReadFromJsonAsync<List<InterimAccount>>(Json, cancellationToken) ?? [];
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InterimFinanceException($"The interim finance API did not answer within {_options.Timeout}.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new InterimFinanceException($"The interim finance API could not be reached: {exception.Message}", exception);
        }
    }
}
