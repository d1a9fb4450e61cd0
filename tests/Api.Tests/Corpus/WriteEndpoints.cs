namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// The API's write operations as its OpenAPI document lists them (POST, PUT, PATCH, DELETE), so an
/// endpoint added later is in the corpus without anyone remembering to add it.
/// </summary>
public sealed record WriteEndpoint(string Method, string Template, string OperationId, bool TakesBody, bool BodyRequired, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<WriteEndpoint>> ReadAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var endpoints = new List<WriteEndpoint>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => WriteMethods.Contains(o.Name)))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                endpoints.Add(new WriteEndpoint(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    operation.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{operation.Name} {path.Name}",
                    operation.Value.TryGetProperty("requestBody", out var body),
                    body.ValueKind == JsonValueKind.Object && body.TryGetProperty("required", out var required) && required.GetBoolean(),
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!)],
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)]));
            }
        }

        return endpoints;
    }

    /// <summary>The path with every parameter given <paramref name="valueOf"/>'s value (already URL-encoded).</summary>
    public string PathWith(Func<string, string> valueOf) =>
        PathParameters.Aggregate(Template, (path, name) => path.Replace("{" + name + "}", valueOf(name), StringComparison.Ordinal));

    public override string ToString() => $"{Method} {Template}";
}
