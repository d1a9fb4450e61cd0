using System.Reflection;
using OrleansSync.Runtime.Activations;

namespace OrleansSync.Runtime.Calls;

/// <summary>
/// Names every callable grain method in a way both ends of a remote call agree on:
/// "Namespace.IInterface.Method(ParamType1,ParamType2)". Every silo registers the same grains, so
/// the names resolve to the same methods everywhere.
/// </summary>
internal sealed class GrainMethodDirectory
{
    private readonly Dictionary<string, GrainMethod> _methods = new(StringComparer.Ordinal);

    public GrainMethodDirectory(GrainTypeRegistry types)
    {
        foreach (var grainInterface in types.Interfaces.Append(typeof(IRemindable)).Append(typeof(IStreamSubscriber)).Append(typeof(IStreamBatchSubscriber)))
        {
            foreach (var method in grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods())))
            {
                _methods[NameOf(method)] = GrainMethod.For(method);
            }
        }
    }

    public static string NameOf(MethodInfo method) =>
        $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(",", method.GetParameters().Select(p => p.ParameterType.FullName))})";

    public bool TryGet(string name, out GrainMethod method) => _methods.TryGetValue(name, out method!);
}
