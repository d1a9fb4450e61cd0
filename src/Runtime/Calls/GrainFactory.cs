using System.Reflection;
using OrleansSync.Runtime.Activations;

namespace OrleansSync.Runtime.Calls;

internal sealed class GrainFactory(GrainTypeRegistry types, Lazy<GrainCallRouter> router) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).Bind(router.Value, new GrainId(types.TypeNameFor(typeof(TGrainInterface)), key));
        return proxy;
    }
}
