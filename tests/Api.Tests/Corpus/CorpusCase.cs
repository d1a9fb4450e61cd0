namespace OrleansSync.Api.Tests.Corpus;

/// <summary>One bad request of the corpus: what it is (for the failure message), and how to send it.</summary>
/// <param name="Name">What is wrong with it, e.g. "POST /events/datahub: SNS Message is not JSON".</param>
/// <param name="Body">The body's exact bytes (null: no body).</param>
/// <param name="ContentType">The Content-Type header (null: none).</param>
/// <param name="Headers">Further headers.</param>
public sealed record CorpusCase(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyDictionary<string, string>? Headers = null)
{
    public const string Json = "application/json";

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            var content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                // Without validation: some cases send a malformed Content-Type on purpose.
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            request.Content = content;
        }

        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public override string ToString() => Name;
}
