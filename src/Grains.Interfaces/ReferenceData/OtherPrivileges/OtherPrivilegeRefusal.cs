namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

public enum OtherPrivilegeRefusalKind
{
    /// <summary>The privilege (or the level of a prison level) does not exist: 404.</summary>
    NotFound,

    /// <summary>The request breaks a rule about <see cref="OtherPrivilegeRefusal.Field"/>: 400 naming it.</summary>
    Invalid,
}

/// <summary>Why an other-privilege change was refused (nothing was written), naming the request field at fault.</summary>
[GenerateSerializer, Immutable]
public sealed record OtherPrivilegeRefusal(OtherPrivilegeRefusalKind Kind, string Field, string Message)
{
    public static OtherPrivilegeRefusal NotFound(string field, string message) => new(OtherPrivilegeRefusalKind.NotFound, field, message);

    public static OtherPrivilegeRefusal Invalid(string field, string message) => new(OtherPrivilegeRefusalKind.Invalid, field, message);
}
