using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansSync.Postgres.Providers;

/// <summary>
/// Puts the whole grain identity where the ADO.NET storage provider passes it to SQL. The provider
/// binds no grain type (so two grain types with one key and state name would share a row) and binds
/// a string key that looks like a hex number as that number only (so <c>A1234AA</c> and
/// <c>0A1234AA</c> would share a row). Handing it a grain id whose key is the full
/// <c>type/key</c> string makes it bind that string as <c>@GrainIdExtensionString</c>, which the
/// schema (<c>Sql/Migrations/orleans/0002_grain_storage.sql</c>) keys on.
/// </summary>
internal sealed class GrainIdQualifyingStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Qualify(grainId), grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, Qualify(grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Qualify(grainId), grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(stateName, Qualify(grainId), grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Qualify(grainId), grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, Qualify(grainId), grainState, cancellationToken);

    /// <summary>The same grain type with the key <c>type/key</c>; the provider reads such a key as a string.</summary>
    internal static GrainId Qualify(GrainId grainId)
    {
        var qualified = GrainId.Create(grainId.Type, IdSpan.Create(grainId.ToString()));

        // "type/key" parses as neither unless the grain type itself is hex digits followed by '+',
        // or 32 hex digits; such a type would silently collide, so it is refused instead.
        if (qualified.TryGetIntegerKey(out _, out _) || qualified.TryGetGuidKey(out _, out _))
        {
            throw new NotSupportedException(
                $"Grain type '{grainId.Type}' cannot be stored on PostgreSQL grain storage: its qualified id '{qualified.Key}' reads as a numeric or GUID key. Give the grain a [GrainType] name that starts with a letter other than a-f and contains no '+'.");
        }

        return qualified;
    }
}
