namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The outcome of an other-privilege call: the value, or the refusal (nothing was written then).</summary>
[GenerateSerializer, Immutable]
public sealed record OtherPrivilegeResult<T>(T? Value, OtherPrivilegeRefusal? Refusal)
{
    public static OtherPrivilegeResult<T> Ok(T value) => new(value, null);

    public static OtherPrivilegeResult<T> Refused(OtherPrivilegeRefusal refusal) => new(default, refusal);
}
