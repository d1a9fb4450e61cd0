using System.Text.Json;

namespace OrleansSync.Simulators.Common;

/// <summary>
/// Request bodies are read with the simulator's own serializer options rather than the host's
/// <c>JsonOptions</c>: the silo that hosts the simulators may configure JSON differently, and the
/// simulators must keep speaking the external contract regardless.
/// </summary>
internal static class SimulatorJson
{
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            throw SimulatorException.BadRequest("A JSON request body is required.");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value ?? throw SimulatorException.BadRequest("A JSON request body is required.");
        }
        catch (JsonException ex)
        {
            // The serializer's message names the offending path and property, which is what a caller needs.
            throw SimulatorException.BadRequest($"Malformed request body: {ex.Message}");
        }
    }
}
