namespace OrleansSync.Simulators.Common;

/// <summary>
/// Raised by a simulator's store when a request cannot be served (unknown entity, bad input, conflict).
/// The endpoint filter turns it into an RFC 9457 problem response, so stores stay free of HTTP types.
/// </summary>
public sealed class SimulatorException : Exception
{
    public SimulatorException(int statusCode, string title, string detail)
        : base(detail)
    {
        StatusCode = statusCode;
        Title = title;
    }

    public int StatusCode { get; }

    public string Title { get; }

    public static SimulatorException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static SimulatorException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);

    public static SimulatorException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
}
