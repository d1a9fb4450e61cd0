using System.Reflection;

namespace OrleansSync.Runtime.Calls;

/// <summary>The object behind a grain reference: every interface call becomes a routed grain call.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainCallRouter? _router;
    private GrainId _grain;

    internal void Bind(GrainCallRouter router, GrainId grain)
    {
        _router = router;
        _grain = grain;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name switch
            {
                nameof(ToString) => _grain.ToString(),
                nameof(GetHashCode) => _grain.GetHashCode(),
                _ => throw new NotSupportedException(targetMethod.Name),
            };
        }

        var method = GrainMethod.For(targetMethod);
        return method.Wrap(_router!.InvokeAsync(_grain, method, args ?? []));
    }
}
