namespace OrleansSync.Api.Tests.Corpus;

/// <summary>
/// Bodies that are wrong for any JSON write endpoint (broken, deep, of the wrong shape, too large, of
/// the wrong media type), and bad JSON values to put in place of one field of an otherwise valid body
/// (NUL and other control characters, invalid UTF-8, lone surrogates, wrong types, absurd lengths).
/// </summary>
public static class BadBodies
{
    /// <summary>Larger than Api:MaxRequestBodyBytes (1 MiB).</summary>
    private const int HugeBytes = 1024 * 1024 + 1024;

    public static IEnumerable<(string Name, byte[]? Body, string? ContentType)> Generic()
    {
        yield return ("empty body", [], CorpusCase.Json);
        yield return ("no body at all", null, null);
        yield return ("truncated object", Utf8("{\"a\": \"b\", "), CorpusCase.Json);
        yield return ("value missing", Utf8("{\"a\":}"), CorpusCase.Json);
        yield return ("unterminated array", Utf8("[1, 2"), CorpusCase.Json);
        yield return ("bare word", Utf8("nul"), CorpusCase.Json);
        yield return ("trailing garbage", Utf8("{} x"), CorpusCase.Json);
        yield return ("single quotes", Utf8("{'a': 'b'}"), CorpusCase.Json);
        yield return ("comment", Utf8("{/* c */ \"a\": 1}"), CorpusCase.Json);
        yield return ("trailing comma", Utf8("{\"a\": 1,}"), CorpusCase.Json);
        yield return ("unquoted key", Utf8("{a: 1}"), CorpusCase.Json);
        yield return ("10,000 nested arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)), CorpusCase.Json);
        yield return ("200 nested objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)), CorpusCase.Json);
        yield return ("array instead of object", Utf8("[]"), CorpusCase.Json);
        yield return ("string instead of object", Utf8("\"text\""), CorpusCase.Json);
        yield return ("number instead of object", Utf8("42"), CorpusCase.Json);
        yield return ("boolean instead of object", Utf8("true"), CorpusCase.Json);
        yield return ("body over the size limit", Utf8("{\"a\":\"" + new string('x', HugeBytes) + "\"}"), CorpusCase.Json);
        yield return ("invalid UTF-8 outside strings", [(byte)'{', 0xFF, 0xFE, (byte)'}'], CorpusCase.Json);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"a\":\"b\"}"), CorpusCase.Json);
        yield return ("text/plain", Utf8("{\"a\":\"b\"}"), "text/plain");
        yield return ("JSON without a content type", Utf8("{\"a\":\"b\"}"), null);
        yield return ("XML", Utf8("<a>b</a>"), "application/xml");
        yield return ("form", Utf8("a=b&c=d"), "application/x-www-form-urlencoded");
        yield return ("multipart", Utf8("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"), "multipart/form-data; boundary=x");
        yield return ("malformed content type", Utf8("{}"), "application/json; charset=");
        yield return ("unknown charset", Utf8("{}"), "application/json; charset=klingon");
    }

    /// <summary>JSON value tokens, each wrong for a string field, as raw bytes (some are not valid UTF-8 or not valid JSON).</summary>
    public static IEnumerable<(string Name, byte[] Token)> Values()
    {
        yield return ("escaped NUL", Utf8("\"\\u0000\""));
        yield return ("escaped NUL inside text", Utf8("\"ab\\u0000cd\""));
        yield return ("raw NUL byte", [(byte)'"', (byte)'a', 0x00, (byte)'"']);
        yield return ("raw control character", [(byte)'"', (byte)'a', 0x01, (byte)'"']);
        yield return ("raw escape character", [(byte)'"', 0x1B, (byte)'[', (byte)'2', (byte)'J', (byte)'"']);
        yield return ("raw newline", Utf8("\"a\nb\""));
        yield return ("lone high surrogate", Utf8("\"\\ud800\""));
        yield return ("lone low surrogate", Utf8("\"x\\udc00\""));
        yield return ("high surrogate then a letter", Utf8("\"\\ud800\\u0041\""));
        yield return ("invalid UTF-8 byte", [(byte)'"', 0xFF, (byte)'"']);
        yield return ("truncated UTF-8 sequence", [(byte)'"', 0xC3, 0x28, (byte)'"']);
        yield return ("UTF-8 encoded surrogate", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']);
        yield return ("overlong UTF-8", [(byte)'"', 0xC0, 0xAF, (byte)'"']);
        yield return ("number", Utf8("42"));
        yield return ("huge number", Utf8("1e400"));
        yield return ("boolean", Utf8("true"));
        yield return ("object", Utf8("{}"));
        yield return ("array", Utf8("[\"STD\"]"));
        yield return ("10,000 characters", Utf8("\"" + new string('x', 10_000) + "\""));
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON object of the fields given as raw value tokens.</summary>
    public static byte[] Object(IEnumerable<(string Name, byte[] Token)> fields)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'{');
        var first = true;
        foreach (var (name, token) in fields)
        {
            if (!first)
            {
                buffer.WriteByte((byte)',');
            }

            first = false;
            buffer.Write(Utf8(JsonSerializer.Serialize(name) + ":"));
            buffer.Write(token);
        }

        buffer.WriteByte((byte)'}');
        return buffer.ToArray();
    }
}
