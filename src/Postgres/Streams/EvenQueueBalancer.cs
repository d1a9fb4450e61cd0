using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Spreads the stream queues evenly over the active silos: every silo orders the same active set and
/// the same queues the same way and takes every n-th queue, so n silos hold ⌊q/n⌋ or ⌈q/n⌉ queues
/// each. Orleans' default (the consistent ring) places queues by hash on silo ranges of random size:
/// with 8 queues, two silos read 3 and 5, and a split can be 8/0, one silo reading every queue while
/// the other reads none. A silo that is shutting down holds none, so its queues move while it still
/// stops.
/// </summary>
public sealed class EvenQueueBalancer : QueueBalancerBase
{
    private readonly string _providerName;
    private readonly IClusterMembershipService _membership;
    private readonly Lock _lock = new();
    private IReadOnlyList<QueueId> _allQueues = [];
    private IReadOnlyList<QueueId> _myQueues = [];

    public EvenQueueBalancer(string providerName, IServiceProvider services, ILogger<EvenQueueBalancer> logger)
        : base(services, logger)
    {
        _providerName = providerName;
        _membership = services.GetRequiredService<IClusterMembershipService>();
    }

    public static IStreamQueueBalancer Create(IServiceProvider services, string providerName) =>
        ActivatorUtilities.CreateInstance<EvenQueueBalancer>(services, providerName);

    public override Task Initialize(IStreamQueueMapper queueMapper)
    {
        ArgumentNullException.ThrowIfNull(queueMapper);
        _allQueues = [.. queueMapper.GetAllQueues().OrderBy(queue => queue.GetNumericId()).ThenBy(queue => queue.ToString(), StringComparer.Ordinal)];
        var snapshot = _membership.CurrentSnapshot;
        Assign([.. snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress)]);
        return base.Initialize(queueMapper);
    }

    public override IEnumerable<QueueId> GetMyQueues()
    {
        lock (_lock)
        {
            return _myQueues;
        }
    }

    protected override void OnClusterMembershipChange(HashSet<SiloAddress> activeSilos)
    {
        if (Assign(activeSilos))
        {
            _ = NotifyAsync();
        }
    }

    /// <summary>Takes this silo's share of the queues among <paramref name="activeSilos"/>; true when it changed.</summary>
    private bool Assign(IReadOnlyCollection<SiloAddress> activeSilos)
    {
        // This silo counts until it starts to shut down, even before membership lists it Active:
        // a joining silo reads its share from the start.
        var silos = activeSilos.ToHashSet();
        if (_membership.CurrentSnapshot.GetSiloStatus(SiloAddress) is SiloStatus.None or SiloStatus.Created or SiloStatus.Joining or SiloStatus.Active)
        {
            silos.Add(SiloAddress);
        }

        var ordered = silos.Select(silo => silo.ToParsableString()).Order(StringComparer.Ordinal).ToList();
        var index = ordered.IndexOf(SiloAddress.ToParsableString());
        IReadOnlyList<QueueId> mine = index < 0 ? [] : [.. _allQueues.Where((_, i) => i % ordered.Count == index)];
        lock (_lock)
        {
            if (mine.SequenceEqual(_myQueues))
            {
                return false;
            }

            _myQueues = mine;
        }

        Logger.LogInformation(
            "Stream provider {Provider}: this silo reads {Mine} of {Queues} queues, {Silos} silos sharing them",
            _providerName, mine.Count, _allQueues.Count, ordered.Count);
        return true;
    }

    private async Task NotifyAsync()
    {
        try
        {
            await NotifyListeners();
        }
        catch (Exception error)
        {
            Logger.LogError(error, "Stream provider {Provider}: the pulling agents could not be told of the new queue share", _providerName);
        }
    }
}
