using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Api.Security;
using OrleansSync.Grains.Tests.Incentives.Support;

namespace OrleansSync.Grains.Tests.ReferenceData;

/// <summary>Calls of the reference-data API as the reference-data role, and their bodies.</summary>
internal static class ReferenceDataApiExtensions
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(this IncentivesHost host, HttpMethod method, string path, object? body = null, string role = ApiRoles.IncentiveLevelsRw)
    {
        using var response = await host.SendAsync(method, path, role, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> OkAsync(this IncentivesHost host, HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await host.CallAsync(method, path, body);
        status.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], $"{method} {path} should succeed, but answered {json}");
        return json;
    }

    /// <summary>The errorCode of a 400 rule violation (incentives-api ErrorResponse fields on the problem details).</summary>
    public static async Task<JsonElement> RuleViolationAsync(this IncentivesHost host, HttpMethod method, string path, object? body, int errorCode)
    {
        var (status, json) = await host.CallAsync(method, path, body);
        status.Should().Be(HttpStatusCode.BadRequest, $"{method} {path} breaks rule {errorCode}; it answered {json}");
        json.GetProperty("errorCode").GetInt32().Should().Be(errorCode, json.ToString());
        json.GetProperty("status").GetInt32().Should().Be(400);
        json.GetProperty("userMessage").GetString().Should().NotBeNullOrEmpty();
        return json;
    }

    public static IReadOnlyList<string> Codes(this JsonElement levels) => [.. levels.EnumerateArray().Select(l => l.GetProperty("code").GetString()!)];
}
