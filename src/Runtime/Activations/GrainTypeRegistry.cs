using System.Reflection;
using OrleansSync.Runtime.Calls;

namespace OrleansSync.Runtime.Activations;

/// <summary>
/// The grain classes this cluster knows: each class's type name, the interfaces that route to it,
/// and the stream namespaces it subscribes to implicitly. Every silo must register the same set.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, Type> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _interfaces = [];
    private readonly Dictionary<string, List<string>> _subscribers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> TypeNames => _classes.Keys;

    public IEnumerable<Type> Interfaces => _interfaces.Keys;

    public void Register(Type grainClass)
    {
        if (!grainClass.IsSubclassOf(typeof(Grain)) || grainClass.IsAbstract)
        {
            throw new ArgumentException($"{grainClass.Name} is not a concrete grain class.", nameof(grainClass));
        }

        var name = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? grainClass.Name;
        if (_classes.TryGetValue(name, out var existing) && existing != grainClass)
        {
            throw new InvalidOperationException($"Grain type name '{name}' is used by both {existing.FullName} and {grainClass.FullName}.");
        }

        _classes[name] = grainClass;
        foreach (var grainInterface in grainClass.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey)))
        {
            GrainMethod.Validate(grainInterface);
            if (!typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
            {
                continue; // IRemindable, IStreamSubscriber: called by the runtime by type name, not routed by interface.
            }

            if (_interfaces.TryGetValue(grainInterface, out var other) && other != name)
            {
                throw new InvalidOperationException($"Grain interface {grainInterface.Name} is implemented by both {other} and {name}; each interface needs one grain class.");
            }

            _interfaces[grainInterface] = name;
        }

        foreach (var subscription in grainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>())
        {
            if (!typeof(IStreamSubscriber).IsAssignableFrom(grainClass))
            {
                throw new InvalidOperationException($"{grainClass.Name} subscribes to stream namespace '{subscription.Namespace}' but does not implement IStreamSubscriber.");
            }

            var list = _subscribers.TryGetValue(subscription.Namespace, out var found) ? found : _subscribers[subscription.Namespace] = [];
            if (!list.Contains(name))
            {
                list.Add(name);
            }
        }
    }

    public void RegisterAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(Grain))))
        {
            Register(type);
        }
    }

    public string TypeNameFor(Type grainInterface) => _interfaces.TryGetValue(grainInterface, out var name)
        ? name
        : throw new InvalidOperationException($"No grain class implements {grainInterface.Name}; register its assembly with AddGrains.");

    public Type ClassFor(string typeName) => _classes.TryGetValue(typeName, out var type)
        ? type
        : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");

    /// <summary>True when the grain type takes consecutive messages of a key in one turn (<see cref="IStreamBatchSubscriber"/>).</summary>
    public bool TakesBatches(string typeName) => _classes.TryGetValue(typeName, out var type) && typeof(IStreamBatchSubscriber).IsAssignableFrom(type);

    public IReadOnlyList<string> SubscribersOf(string streamNamespace) =>
        _subscribers.TryGetValue(streamNamespace, out var list) ? list : [];

    public IEnumerable<string> SubscribedNamespaces => _subscribers.Keys;
}
