using System.Collections.Concurrent;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Tenure;

/// <summary>
/// The simulated tenure API's data (DynamoDB in the real one): tenures by id. Each write advances the
/// tenure's version and publishes the event the real API publishes, with the values it publishes:
/// the whole tenure on create, only the changed fields on update (contracts §1).
/// </summary>
public sealed class TenureStore(TenureEventPublisher events)
{
    private readonly ConcurrentDictionary<Guid, TenureInformation> _tenures = new();
    private readonly Lock _writes = new();

    public TenureInformation? Get(Guid id) => _tenures.TryGetValue(id, out var tenure) ? tenure : null;

    public int Count => _tenures.Count;

    /// <summary>Creates a tenure (a new id unless one is given) and publishes TenureCreatedEvent.</summary>
    public TenureInformation Create(TenureInformation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenure = request with
        {
            Id = request.Id == Guid.Empty ? Guid.NewGuid() : request.Id,
            HouseholdMembers = request.HouseholdMembers ?? [],
            VersionNumber = 0,
        };
        lock (_writes)
        {
            if (!_tenures.TryAdd(tenure.Id, tenure))
            {
                throw SimulatorException.Conflict($"Tenure {tenure.Id} exists already.");
            }

            events.Publish(TenureEventTypes.TenureCreated, tenure.Id, oldData: null, newData: tenure);
        }

        return tenure;
    }

    /// <summary>Applies the members sent; publishes TenureUpdatedEvent with the changed fields only (none changed: no event).</summary>
    public TenureInformation Update(Guid id, TenureUpdateRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_writes)
        {
            var current = Get(id) ?? throw SimulatorException.NotFound($"Tenure {id} not found.");
            var oldValues = new Dictionary<string, object?>(StringComparer.Ordinal);
            var newValues = new Dictionary<string, object?>(StringComparer.Ordinal);
            var next = current;
            void Change<T>(string field, T? was, T? now, Func<TenureInformation, TenureInformation> apply)
            {
                if (now is not null && !EqualityComparer<T>.Default.Equals(was, now))
                {
                    oldValues[field] = was;
                    newValues[field] = now;
                    next = apply(next);
                }
            }

            Change("paymentReference", current.PaymentReference, update.PaymentReference, t => t with { PaymentReference = update.PaymentReference });
            Change("startOfTenureDate", current.StartOfTenureDate, update.StartOfTenureDate, t => t with { StartOfTenureDate = update.StartOfTenureDate });
            Change("endOfTenureDate", current.EndOfTenureDate, update.EndOfTenureDate, t => t with { EndOfTenureDate = update.EndOfTenureDate });
            Change("tenureType", current.TenureType, update.TenureType, t => t with { TenureType = update.TenureType });
            Change("terminated", current.Terminated, update.Terminated, t => t with { Terminated = update.Terminated });
            if (update.FullAddress is { } address && current.TenuredAsset?.FullAddress != address)
            {
                var asset = (current.TenuredAsset ?? new TenuredAsset(Guid.NewGuid(), "Dwelling", null, null, null)) with { FullAddress = address };
                oldValues["tenuredAsset"] = current.TenuredAsset;
                newValues["tenuredAsset"] = asset;
                next = next with { TenuredAsset = asset };
            }

            if (newValues.Count == 0)
            {
                return current;
            }

            next = next with { VersionNumber = (current.VersionNumber ?? 0) + 1 };
            _tenures[id] = next;
            events.Publish(TenureEventTypes.TenureUpdated, id, oldValues, newValues);
            return next;
        }
    }

    /// <summary>Adds a household member; publishes PersonAddedToTenureEvent.</summary>
    public TenureInformation AddMember(Guid id, HouseholdMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_writes)
        {
            var current = Get(id) ?? throw SimulatorException.NotFound($"Tenure {id} not found.");
            var added = member.Id == Guid.Empty ? member with { Id = Guid.NewGuid() } : member;
            if (current.HouseholdMembers.Any(m => m.Id == added.Id))
            {
                throw SimulatorException.Conflict($"Person {added.Id} is on tenure {id} already.");
            }

            var next = current with { HouseholdMembers = [.. current.HouseholdMembers, added], VersionNumber = (current.VersionNumber ?? 0) + 1 };
            _tenures[id] = next;
            events.Publish(TenureEventTypes.PersonAddedToTenure, id,
                new { householdMembers = current.HouseholdMembers }, new { householdMembers = next.HouseholdMembers });
            return next;
        }
    }

    /// <summary>Removes a household member; publishes PersonRemovedFromTenureEvent.</summary>
    public TenureInformation RemoveMember(Guid id, Guid personId)
    {
        lock (_writes)
        {
            var current = Get(id) ?? throw SimulatorException.NotFound($"Tenure {id} not found.");
            if (current.HouseholdMembers.All(m => m.Id != personId))
            {
                throw SimulatorException.NotFound($"Person {personId} is not on tenure {id}.");
            }

            var next = current with { HouseholdMembers = [.. current.HouseholdMembers.Where(m => m.Id != personId)], VersionNumber = (current.VersionNumber ?? 0) + 1 };
            _tenures[id] = next;
            events.Publish(TenureEventTypes.PersonRemovedFromTenure, id,
                new { householdMembers = current.HouseholdMembers }, new { householdMembers = next.HouseholdMembers });
            return next;
        }
    }
}
