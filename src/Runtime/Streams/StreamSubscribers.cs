using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Streams;

/// <summary>Who receives a namespace's messages: subscribing grain types by name, and webhooks as "webhook:{name}".</summary>
internal sealed class StreamSubscribers(GrainTypeRegistry types, RuntimeOptions options)
{
    public const string WebhookPrefix = "webhook:";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.Ordinal);

    public IReadOnlyList<string> For(string streamNamespace) => _cache.GetOrAdd(streamNamespace, ns =>
        [.. types.SubscribersOf(ns), .. options.Webhooks.Where(w => w.Namespace == ns).Select(w => WebhookPrefix + w.Name)]);

    public IEnumerable<string> Namespaces => types.SubscribedNamespaces.Concat(options.Webhooks.Select(w => w.Namespace)).Distinct(StringComparer.Ordinal);
}
