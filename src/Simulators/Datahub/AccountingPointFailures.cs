using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Failures injected for single points (on top of the simulator-wide faults): every contract request for
/// a listed GSRN is answered with its status, until cleared. For "this point keeps failing" scenarios
/// while the rest of the datahub works.
/// </summary>
public sealed class AccountingPointFailures
{
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);

    public void Fail(string gsrn, int statusCode)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A failure status is 400-599.");
        }

        _failing[gsrn] = statusCode;
    }

    public bool Clear(string gsrn) => _failing.TryRemove(gsrn, out _);

    public void ClearAll() => _failing.Clear();

    public int? StatusFor(string gsrn) => _failing.TryGetValue(gsrn, out var status) ? status : null;
}

/// <summary>Body of <c>PUT {prefix}/admin/accounting_points/{gsrn}/failure</c>; default 503.</summary>
public sealed record PointFailureRequest([property: JsonPropertyName("status")] int? Status);
