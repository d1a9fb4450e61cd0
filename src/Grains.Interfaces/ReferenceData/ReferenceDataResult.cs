namespace OrleansSync.Grains.ReferenceData;

/// <summary>The outcome of a reference-data call: the value, or the error that refused it (nothing was written then).</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataResult<T>(T? Value, ReferenceDataError? Error)
{
    public static ReferenceDataResult<T> Ok(T value) => new(value, null);

    public static ReferenceDataResult<T> Failed(ReferenceDataError error) => new(default, error);
}
