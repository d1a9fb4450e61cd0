namespace OrleansSync.Api.Http;

/// <summary>
/// A body grew past the request size limit while it was being read (a chunked body declares no
/// length up front). Deliberately not an IOException: the framework reads those as a client that
/// went away and answers nothing, where this must become a 413 problem.
/// </summary>
public sealed class RequestBodyTooLargeException(long limit)
    : Exception($"The request body is larger than the limit of {limit} bytes.")
{
    public long Limit { get; } = limit;
}
