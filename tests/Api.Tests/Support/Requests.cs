namespace OrleansSync.Api.Tests.Support;

/// <summary>Request and problem-details helpers.</summary>
public static class Requests
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));

    /// <summary>Reads an RFC 9457 body, asserting the status and the media type.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The reasons a validation problem gives for <paramref name="field"/>, joined.</summary>
    public static string ErrorsFor(this JsonElement problem, string field)
    {
        problem.TryGetProperty("errors", out var errors).Should().BeTrue(problem.ToString());
        errors.TryGetProperty(field, out var reasons).Should().BeTrue($"the problem should name '{field}': {problem}");
        return string.Join(" ", reasons.EnumerateArray().Select(r => r.GetString()));
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
