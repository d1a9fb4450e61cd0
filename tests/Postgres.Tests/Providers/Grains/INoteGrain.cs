namespace OrleansSync.Postgres.Tests.Providers.Grains;

/// <summary>A grain with one persistent state named <see cref="NoteGrainBase.StateName"/>.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<NoteState> ReadAsync();

    /// <summary>Ends this activation, so the next call reads the state from storage.</summary>
    Task DeactivateAsync();
}

/// <summary>Two grain types that share key and state name: their state must not.</summary>
public interface IAlphaNoteGrain : INoteGrain;

/// <inheritdoc cref="IAlphaNoteGrain"/>
public interface IBetaNoteGrain : INoteGrain;
