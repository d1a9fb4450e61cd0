namespace OrleansSync.Runtime.Calls;

/// <summary>A grain call sent to the silo that owns the grain (POST /cluster/calls).</summary>
internal sealed record RemoteCallRequest(string GrainType, string Key, string Method, JsonElement[] Arguments, string[] CallChain);

/// <summary>
/// The answer: a result, a grain exception (type and message), or "not owner" when the receiving
/// silo no longer serves the partition, so the caller re-routes.
/// </summary>
internal sealed record RemoteCallResponse(JsonElement? Result, string? ErrorType, string? ErrorMessage, bool NotOwner)
{
    public static RemoteCallResponse Ok(JsonElement? result) => new(result, null, null, false);

    public static RemoteCallResponse Failed(Exception exception) => new(null, exception.GetType().FullName, exception.Message, false);

    public static RemoteCallResponse Moved { get; } = new(null, null, null, true);
}
