using Orleans.Runtime;
using OrleansSync.Postgres.Providers;

namespace OrleansSync.Postgres.Tests.Providers.Grains;

public abstract class NoteGrainBase(IPersistentState<NoteState> state) : Grain, INoteGrain
{
    public const string StateName = "note";

    public async Task WriteAsync(string text)
    {
        state.State = state.State with { Text = text, WriteCount = state.State.WriteCount + 1 };
        await state.WriteStateAsync();
    }

    public Task<NoteState> ReadAsync() => Task.FromResult(state.State);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

[GrainType("tests.alpha-note")]
public sealed class AlphaNoteGrain([PersistentState(NoteGrainBase.StateName, PostgresGrainStorage.Name)] IPersistentState<NoteState> state)
    : NoteGrainBase(state), IAlphaNoteGrain;

// The default storage on purpose: it is the same storage under another name.
[GrainType("tests.beta-note")]
public sealed class BetaNoteGrain([PersistentState(NoteGrainBase.StateName)] IPersistentState<NoteState> state)
    : NoteGrainBase(state), IBetaNoteGrain;
