namespace OrleansSync.Simulators.Common;

/// <summary>
/// Problem details (RFC 9457) for every simulator error. NOMIS errors also carry the HMPPS ErrorResponse
/// members (<c>userMessage</c>, <c>developerMessage</c>) as extensions, so a client written against the real
/// service's error body and one written against problem details both find what they read.
/// </summary>
internal static class SimulatorProblems
{
    public const string SimulatedFailureType = "https://orleanssync.local/problems/simulated-failure";

    public static IResult Problem(int status, string title, string detail, string? type = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type);

    public static IResult Hmpps(int status, string title, string detail) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?>
            {
                ["userMessage"] = $"{title}: {detail}",
                ["developerMessage"] = detail,
            });
}
