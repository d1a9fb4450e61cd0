namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    async Task IProfileGrain.SetNameAsync(string name)
    {
        profile.State.Name = name;
        profile.State.Writes++;
        await profile.WriteStateAsync();
    }

    Task<ProfileState> IProfileGrain.GetAsync() => Task.FromResult(profile.State);

    Task IProfileGrain.ClearAsync() => profile.ClearStateAsync();
}
