namespace OrleansSync.Postgres.Tests.Providers.Grains;

/// <summary>A small grain state; its JSON names are the camelCase of these properties.</summary>
[GenerateSerializer]
public sealed record NoteState
{
    [Id(0)] public string? Text { get; init; }

    [Id(1)] public int WriteCount { get; init; }
}
