using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Runtime.State;

namespace OrleansSync.Runtime.Activations;

/// <summary>
/// Creates grain instances: constructor parameters come from the service provider, except those
/// marked [PersistentState], which get the grain's state, loaded before OnActivateAsync runs.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainTypeRegistry types)
{
    private readonly ConcurrentDictionary<Type, (ConstructorInfo Constructor, ParameterInfo[] Parameters)> _plans = new();

    public async Task<Grain> CreateAsync(ActivationContext context)
    {
        var type = types.ClassFor(context.Id.Type);
        var (constructor, parameters) = _plans.GetOrAdd(type, Plan);
        var arguments = new object?[parameters.Length];
        var states = new List<IStateLoader>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
            {
                var stateType = parameter.ParameterType.GetGenericArguments()[0];
                var state = (IStateLoader)Activator.CreateInstance(typeof(PersistentState<>).MakeGenericType(stateType), context, attribute.StateName)!;
                states.Add(state);
                arguments[i] = state;
            }
            else
            {
                arguments[i] = services.GetService(parameter.ParameterType)
                    ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException($"{type.Name} needs a {parameter.ParameterType.Name}, which is not registered."));
            }
        }

        var grain = (Grain)constructor.Invoke(arguments);
        grain.Attach(context);
        foreach (var state in states)
        {
            await state.LoadAsync();
        }

        using var timeout = new CancellationTokenSource(context.Services.Options.CallTimeout);
        await grain.OnActivateAsync(timeout.Token);
        return grain;
    }

    private static (ConstructorInfo, ParameterInfo[]) Plan(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        foreach (var parameter in constructor.GetParameters().Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null))
        {
            if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"{type.Name}: [PersistentState] goes on an IPersistentState<T> parameter, not {parameter.ParameterType.Name}.");
            }
        }

        return (constructor, constructor.GetParameters());
    }
}
