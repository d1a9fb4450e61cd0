using Orleans.Concurrency;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>The list of other privileges: reads only (writes are turns of each privilege's grain), so any number of activations may serve it.</summary>
[GrainType(GrainTypeName)]
[StatelessWorker]
public sealed class OtherPrivilegeListGrain(NpgsqlDataSource database) : Grain, IOtherPrivilegeListGrain
{
    public const string GrainTypeName = "reference-data.other-privileges";

    async Task<IReadOnlyList<OtherPrivilege>> IOtherPrivilegeListGrain.GetAllAsync(bool withInactive) =>
        [.. (await Db.ReadAsync(database, OtherPrivilegeRows.AllAsync)).Where(p => withInactive || p.Active)];
}
