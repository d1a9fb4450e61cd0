using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansSync.Simulators.Tests.Nomis;

/// <summary>Small HTTP helpers for the NOMIS simulator tests.</summary>
internal static class NomisApi
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> SeedAsync(HttpClient client, string prisonerNumber, long bookingId, string prisonId = "MDI") =>
        client.PostAsJsonAsync("/sim/nomis/admin/prisoners", new { prisonerNumber, bookingId, prisonId });

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
