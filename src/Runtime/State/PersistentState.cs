using System.Globalization;
using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.State;

/// <summary>
/// A grain's state row (jsonb + version). Writes are conditional on the version read, so a
/// stale writer is refused; and fenced, so a silo that lost the partition is refused too.
/// </summary>
internal sealed class PersistentState<TState>(ActivationContext context, string stateName) : IPersistentState<TState>, IStateLoader
    where TState : new()
{
    private long _version;

    public TState State { get; set; } = new();

    public string? Etag => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists => _version > 0;

    public Task LoadAsync() => ReadStateAsync();

    public async Task ReadStateAsync()
    {
        await using var command = context.Services.DataSource.CreateCommand(RuntimeSql.State("ReadState")).With(context.Id.Type, context.Id.Key, stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            State = JsonSerializer.Deserialize<TState>(reader.GetString(0), RuntimeJson.Options) ?? new TState();
            _version = reader.GetInt64(1);
        }
        else
        {
            State = new TState();
            _version = 0;
        }
    }

    public Task WriteStateAsync() => context.WriteAsync(async unitOfWork =>
    {
        var json = JsonSerializer.Serialize(State, RuntimeJson.Options);
        var expected = unitOfWork.PendingVersion(this) ?? _version;
        var sql = expected == 0 ? RuntimeSql.State("InsertState") : RuntimeSql.State("UpdateState");
        await using var command = unitOfWork.CreateCommand(sql).With(context.Id.Type, context.Id.Key, stateName, context.Partition, json);
        if (expected != 0)
        {
            command.With(expected);
        }

        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw Conflict(expected);
        }

        unitOfWork.SetPendingVersion(this, expected + 1, committed => _version = committed);
    });

    public Task ClearStateAsync() => context.WriteAsync(async unitOfWork =>
    {
        var expected = unitOfWork.PendingVersion(this) ?? _version;
        if (expected != 0)
        {
            await using var command = unitOfWork.CreateCommand(RuntimeSql.State("DeleteState")).With(context.Id.Type, context.Id.Key, stateName, expected);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw Conflict(expected);
            }
        }

        unitOfWork.SetPendingVersion(this, 0, committed => _version = committed);
        State = new TState();
    });

    private InconsistentStateException Conflict(long expected)
    {
        context.RequestDeactivation(DeactivationReason.StateConflict);
        return new InconsistentStateException($"State '{stateName}' of {context.Id} changed since version {expected} was read; the activation will reload it.");
    }
}
