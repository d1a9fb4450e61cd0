namespace OrleansSync.Runtime;

/// <summary>
/// Subscribes a grain class to a stream namespace: every message appended to that namespace with
/// stream key K is delivered to this grain type's grain K through <see cref="IStreamSubscriber.OnNextAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}
