using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>
/// How every NOMIS client here talks to nomis-prisoner-api: the configured bearer token, the read or
/// write resilience pipeline, and one way of failing (<see cref="NomisApiException"/>, naming the
/// method and path, with at most 500 characters of NOMIS' answer). A read of something NOMIS does not
/// have (404) answers null.
/// </summary>
public sealed class NomisHttp(HttpClient http, NomisResilience resilience, IOptions<IncentivesOptions> options, JsonSerializerOptions json)
{
    private const int MaxErrorBodyLength = 500;

    /// <summary><c>GET</c> <paramref name="path"/>: the body as <typeparamref name="T"/>, or null on 404.</summary>
    public async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await SendAsync(resilience.Reads, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "GET", path, cancellationToken);
        return await DeserializeAsync<T>(response, "GET", path, cancellationToken);
    }

    /// <summary>Sends <paramref name="body"/> as JSON; any answer but 2xx fails.</summary>
    public async Task WriteAsync<TBody>(HttpMethod method, string path, TBody body, CancellationToken cancellationToken)
    {
        using var response = await SendWriteAsync(method, path, body, cancellationToken);
    }

    /// <summary>Sends <paramref name="body"/> as JSON and reads NOMIS' answer as <typeparamref name="TResult"/>.</summary>
    public async Task<TResult> WriteAsync<TBody, TResult>(HttpMethod method, string path, TBody body, CancellationToken cancellationToken)
    {
        using var response = await SendWriteAsync(method, path, body, cancellationToken);
        return await DeserializeAsync<TResult>(response, method.Method, path, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWriteAsync<TBody>(HttpMethod method, string path, TBody body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(resilience.Writes, () => new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: json) }, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, method.Method, path, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
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

        throw new NomisApiException($"NOMIS answered {(int)response.StatusCode} to {method} /{PathOnly(path)}: {body}", response.StatusCode);
    }

    private async Task<T> DeserializeAsync<T>(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(json, cancellationToken)
                ?? throw new NomisApiException($"NOMIS answered {method} /{PathOnly(path)} with an empty body.", response.StatusCode);
        }
        catch (JsonException exception)
        {
            throw new NomisApiException($"NOMIS answered {method} /{PathOnly(path)} with a body that does not match the contract: {exception.Message}", response.StatusCode, exception);
        }
    }

    // Query strings (paging, dates) stay out of error messages and logs.
    private static string PathOnly(string path) => path.Split('?')[0];
}
