using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One controllable unit (key: its id). Writes its row (history by trigger), then tells its accounting
/// point, which starts tracking and, if it never fetched itself, fetches at once. If the silo dies between
/// the two, the sweeper's tracking repair tells the point later.
/// </summary>
[GrainType("accounting_points.controllable_unit")]
public sealed class ControllableUnitGrain(NpgsqlDataSource dataSource, ILogger<ControllableUnitGrain> logger) : EntityGrain, IControllableUnitGrain
{
    private Guid _id;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(EntityKey, "D", out _id) || !string.Equals(_id.ToString("D"), EntityKey, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{GrainType} key '{EntityKey}' is not a lower-case GUID in \"D\" format.");
        }

        return base.OnActivateAsync(cancellationToken);
    }

    async Task<ControllableUnitRegistrationResult> IControllableUnitGrain.RegisterAsync(ControllableUnitRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Gsrn.Validate(registration.Gsrn) is { } invalid)
        {
            return new ControllableUnitRegistrationResult(ControllableUnitRegistrationOutcome.Invalid, null, null, invalid);
        }

        ControllableUnitRegistrationOutcome outcome;
        ControllableUnit unit;
        await using (var unitOfWork = await BeginUnitOfWorkAsync())
        {
            var existing = await ReadAsync(unitOfWork.CreateCommand(AccountingPointSql.Units("LockUnit")));
            if (existing is not null && !string.Equals(existing.Gsrn, registration.Gsrn, StringComparison.Ordinal))
            {
                return new ControllableUnitRegistrationResult(
                    ControllableUnitRegistrationOutcome.Conflict,
                    existing,
                    null,
                    $"controllable unit {_id} belongs to accounting point {existing.Gsrn}; a unit cannot move to another point");
            }

            if (existing is not null && existing.StartDate == registration.StartDate && existing.Status == registration.Status)
            {
                outcome = ControllableUnitRegistrationOutcome.Unchanged;
                unit = existing;
            }
            else
            {
                await using var upsert = unitOfWork.CreateCommand(AccountingPointSql.Units("UpsertUnit"))
                    .With(_id, registration.Gsrn, registration.StartDate, ControllableUnitStatuses.Name(registration.Status));
                var recordedAt = (DateTime)(await upsert.ExecuteScalarAsync())!;
                await unitOfWork.CommitAsync();
                outcome = existing is null ? ControllableUnitRegistrationOutcome.Created : ControllableUnitRegistrationOutcome.Updated;
                unit = new ControllableUnit(_id, registration.Gsrn, registration.StartDate, registration.Status, new DateTimeOffset(recordedAt, TimeSpan.Zero));
                logger.LogInformation(
                    "{GrainType} {GrainKey} {Outcome}: accounting point {Gsrn}, start {StartDate}, {Status}",
                    GrainType, EntityKey, outcome, registration.Gsrn, registration.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ControllableUnitStatuses.Name(registration.Status));
            }
        }

        // Also when unchanged: re-registering is how a caller repairs a point that was never told.
        var tracking = await GrainFactory.GetGrain<IAccountingPointGrain>(registration.Gsrn).ControllableUnitsChangedAsync(syncNow: true);
        return new ControllableUnitRegistrationResult(outcome, unit, tracking, null);
    }

    async Task<ControllableUnit?> IControllableUnitGrain.GetAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ReadAsync(new NpgsqlCommand(AccountingPointSql.Units("SelectUnit"), connection));
    }

    private async Task<ControllableUnit?> ReadAsync(NpgsqlCommand query)
    {
        await using var command = query.With(_id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new ControllableUnit(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetFieldValue<DateOnly>(2),
            ControllableUnitStatuses.TryParse(reader.GetString(3), out var status) ? status : ControllableUnitStatus.New,
            reader.GetFieldValue<DateTimeOffset>(4));
    }
}
