namespace OrleansSync.Grains.PrisonTransfers;

public enum Cas2CommandStatus
{
    /// <summary>Done now.</summary>
    Done,

    /// <summary>Done before (the same id created, or the application already submitted): nothing changed.</summary>
    AlreadyDone,

    NotFound,

    /// <summary>The id belongs to an application of another prisoner or with other details.</summary>
    Conflict,
}

/// <summary>What a create or submit did, with the application as it is now.</summary>
[GenerateSerializer, Immutable]
public sealed record Cas2CommandResult(Cas2CommandStatus Status, Cas2Application? Application, string? Detail);
