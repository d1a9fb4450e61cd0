using System.Reflection;

namespace OrleansSync.Runtime.Calls;

/// <summary>
/// A grain interface method prepared for dispatch: how to invoke it on a grain instance and
/// unwrap its result as object, and how to hand a result back to the caller as the declared
/// return type (Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;). Built once per method.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Cache = new();
    private static readonly MethodInfo AwaitTaskOfT = typeof(GrainMethod).GetMethod(nameof(AwaitTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskOfT = typeof(GrainMethod).GetMethod(nameof(AwaitValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CastTaskOfT = typeof(GrainMethod).GetMethod(nameof(CastTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CastValueTaskOfT = typeof(GrainMethod).GetMethod(nameof(CastValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, Task<object?>> _unwrap;
    private readonly Func<Task<object?>, object> _wrap;

    private GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = method.Name;
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            ResultType = typeof(void);
            _unwrap = async result => { await (Task)result; return null; };
            _wrap = task => task;
        }
        else if (returnType == typeof(ValueTask))
        {
            ResultType = typeof(void);
            _unwrap = async result => { await (ValueTask)result; return null; };
            _wrap = task => new ValueTask(task);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            ResultType = returnType.GetGenericArguments()[0];
            _unwrap = AwaitTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<object, Task<object?>>>();
            _wrap = CastTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<Task<object?>, object>>();
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            ResultType = returnType.GetGenericArguments()[0];
            _unwrap = AwaitValueTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<object, Task<object?>>>();
            _wrap = CastValueTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<Task<object?>, object>>();
        }
        else
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>typeof(void) for Task and ValueTask.</summary>
    public Type ResultType { get; }

    public static GrainMethod For(MethodInfo method) => Cache.GetOrAdd(method, m => new GrainMethod(m));

    /// <summary>Checks every method of a grain interface up front, so a bad signature fails at start-up.</summary>
    public static void Validate(Type grainInterface)
    {
        foreach (var method in grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            For(method);
        }
    }

    /// <summary>Invokes the method on a grain instance; a synchronous throw becomes a faulted task.</summary>
    public Task<object?> InvokeAsync(object grain, object?[] arguments)
    {
        object? result;
        try
        {
            result = Method.Invoke(grain, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            return Task.FromException<object?>(exception.InnerException);
        }

        return _unwrap(result!);
    }

    /// <summary>Turns the untyped result into the declared return type for the caller.</summary>
    public object Wrap(Task<object?> result) => _wrap(result);

    private static async Task<object?> AwaitTask<T>(object task) => await (Task<T>)task;

    private static async Task<object?> AwaitValueTask<T>(object task) => await (ValueTask<T>)task;

    private static async Task<T> CastTaskAsync<T>(Task<object?> task) => (T)(await task)!;

    private static object CastTask<T>(Task<object?> task) => CastTaskAsync<T>(task);

    private static object CastValueTask<T>(Task<object?> task) => new ValueTask<T>(CastTaskAsync<T>(task));
}
