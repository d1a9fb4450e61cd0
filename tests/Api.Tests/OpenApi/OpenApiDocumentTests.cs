using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using OrleansSync.Api.Tests.Support;

namespace OrleansSync.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document is one a client generator and a reader can trust: it is valid OpenAPI,
/// optional request fields are not required, descriptions are prose (no C# text), integers are
/// typed integer, strings string, and fields and path segments with a fixed set of values list them.
/// </summary>
public sealed partial class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_document_is_valid_OpenAPI()
    {
        var text = await DocumentTextAsync();
        var read = OpenApiDocument.Parse(text, "json");
        read.Diagnostic!.Errors.Should().BeEmpty();
        read.Document.Should().NotBeNull();
        read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_fields_a_request_needs_are_required()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        Required(schemas, "CreateIncentiveReviewRequest").Should().BeEquivalentTo("iepLevel", "comment");
        Required(schemas, "RegisterControllableUnitRequest").Should().BeEquivalentTo("gsrn", "startDate");
        Required(schemas, "MigrationFilter").Should().BeEmpty();
    }

    [Fact]
    public async Task Descriptions_are_prose_not_CSharp()
    {
        var texts = new List<string>();
        Collect(await DocumentAsync(), texts);
        texts.Should().NotBeEmpty();
        texts.Where(t => CSharpText().IsMatch(t) || t.Contains("cref", StringComparison.Ordinal)).Should().BeEmpty();

        var review = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("CreateIncentiveReviewRequest");
        review.GetProperty("properties").GetProperty("iepLevel").GetProperty("description").GetString().Should().Contain("BAS");
    }

    [Fact]
    public async Task Integers_are_integers_and_strings_are_strings()
    {
        var schemas = new List<JsonElement>();
        CollectSchemas(await DocumentAsync(), schemas);
        var typed = schemas.Where(s => s.TryGetProperty("type", out _)).Select(s => Types(s.GetProperty("type"))).ToList();
        typed.Should().Contain(t => t.Contains("integer"), "the document has integers");
        typed.Where(t => t.Contains("integer") && (t.Contains("string") || t.Contains("number"))).Should().BeEmpty();

        var request = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("CreateIncentiveReviewRequest").GetProperty("properties");
        foreach (var field in new[] { "iepLevel", "comment", "reviewType", "reviewedBy" })
        {
            Types(request.GetProperty(field).GetProperty("type")).Should().Contain("string", field);
        }
    }

    [Fact]
    public async Task Sources_and_levels_are_listed()
    {
        var document = await DocumentAsync();
        var source = document.GetProperty("paths").GetProperty("/events/{source}").GetProperty("post").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "source");
        Enum(source.GetProperty("schema")).Should().Contain(["offender-events", "domain-events", "datahub", "tenure"]);

        var review = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateIncentiveReviewRequest").GetProperty("properties");
        Enum(review.GetProperty("iepLevel")).Should().BeEquivalentTo("BAS", "STD", "ENH", "EN2", "EN3");
        Enum(review.GetProperty("reviewType")).Should().Contain("REVIEW");
        var unit = document.GetProperty("components").GetProperty("schemas").GetProperty("RegisterControllableUnitRequest").GetProperty("properties");
        Enum(unit.GetProperty("status")).Should().BeEquivalentTo("new", "active", "inactive", "terminated");
    }

    // "string? CreateIncentiveReviewRequest.IepLevel", "long ClusterTotals.Calls": what a cref becomes when nothing rewrites it.
    [GeneratedRegex(@"(\?|\b(string|long|int|bool|double|decimal|Guid|DateTime|DateTimeOffset|DateOnly))\s+[A-Z]\w*\.[A-Z]\w*")]
    private static partial Regex CSharpText();

    private async Task<string> DocumentTextAsync()
    {
        using var client = host.Anonymous();
        return await client.GetStringAsync("/openapi/v1.json");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var document = JsonDocument.Parse(await DocumentTextAsync());
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [];

    private static IReadOnlyList<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];

    private static IEnumerable<string> Enum(JsonElement schema) =>
        schema.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!) : [];

    private static void Collect(JsonElement element, List<string> texts)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "description" or "summary" && property.Value.ValueKind == JsonValueKind.String)
                {
                    texts.Add(property.Value.GetString()!);
                }
                else
                {
                    Collect(property.Value, texts);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, texts);
            }
        }
    }

    private static void CollectSchemas(JsonElement element, List<JsonElement> schemas)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.ValueKind is JsonValueKind.String or JsonValueKind.Array)
            {
                schemas.Add(element);
            }

            foreach (var property in element.EnumerateObject())
            {
                CollectSchemas(property.Value, schemas);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectSchemas(item, schemas);
            }
        }
    }
}
