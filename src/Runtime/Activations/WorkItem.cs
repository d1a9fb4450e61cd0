using OrleansSync.Runtime.Calls;

namespace OrleansSync.Runtime.Activations;

/// <summary>One turn waiting in an activation's mailbox, and the caller waiting on its result.</summary>
internal sealed class WorkItem
{
    private static readonly RequestContext NoContext = new([], null);

    public WorkItem(GrainMethod method, object?[] arguments, RequestContext context)
    {
        Method = method;
        Arguments = arguments;
        Context = context;
    }

    private WorkItem(DeactivationReason reason)
    {
        Arguments = [];
        Context = NoContext;
        Deactivation = reason;
    }

    /// <summary>Null only for the runtime's deactivation markers.</summary>
    public GrainMethod? Method { get; }

    public object?[] Arguments { get; }

    public RequestContext Context { get; }

    /// <summary>Set for the runtime's own markers, which are not calls: a requested deactivation or an idle collection.</summary>
    public DeactivationReason? Deactivation { get; }

    public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WorkItem DeactivationMarker(DeactivationReason reason) => new(reason);

    public Task<object?> RunAsync(Grain grain) => Method!.InvokeAsync(grain, Arguments);
}
