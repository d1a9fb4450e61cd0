using System.Reflection;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Which stream namespaces some grain type subscribes to ([ImplicitStreamSubscription] on grain
/// classes of the given assemblies). Read from the attributes so that a gateway process, which
/// hosts no grains, answers the same as a silo.
/// </summary>
public sealed class StreamSubscriptions(IEnumerable<Assembly> grainAssemblies)
{
    private readonly IReadOnlyList<IStreamNamespacePredicate> _predicates = grainAssemblies
        .Append(typeof(StreamSubscriptions).Assembly)
        .Distinct()
        .SelectMany(assembly => assembly.GetTypes())
        .SelectMany(type => type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>(inherit: false))
        .Select(attribute => attribute.Predicate)
        .ToList();

    private readonly ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);

    public bool HasSubscribers(string streamNamespace) =>
        _answers.GetOrAdd(streamNamespace, ns => _predicates.Any(predicate => predicate.IsMatch(ns)));
}
