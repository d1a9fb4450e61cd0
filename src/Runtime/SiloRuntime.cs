using OrleansSync.Runtime.Activations;
using OrleansSync.Runtime.Calls;
using OrleansSync.Runtime.Cluster;
using OrleansSync.Runtime.Diagnostics;
using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Reminders;
using OrleansSync.Runtime.State;
using OrleansSync.Runtime.Storage;
using OrleansSync.Runtime.Streams;

namespace OrleansSync.Runtime;

/// <summary>
/// One silo: the components of the runtime wired together, started in dependency order and
/// stopped gracefully (partitions handed back with their turns finished). Several silos can live
/// in one process, each with its own instance, which is how the cluster tests run.
/// </summary>
public sealed class SiloRuntime : IAsyncDisposable
{
    private readonly IReadOnlyList<MigrationSource> _migrations;
    private readonly PartitionLeases _leases;
    private readonly StreamAgents _streamAgents;
    private readonly RuntimeMaintenance _maintenance;
    private readonly StreamNotifications _notifications;
    private readonly bool _generatedSecret;
    private int _state; // 0 new, 1 starting, 2 running, 3 stopping, 4 stopped

    public SiloRuntime(
        RuntimeOptions options,
        NpgsqlDataSource dataSource,
        GrainTypeRegistry types,
        IReadOnlyList<MigrationSource> migrations,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        System.Diagnostics.Metrics.IMeterFactory meterFactory,
        IHttpClientFactory httpClients,
        TimeProvider time)
    {
        options.Validate();
        if (string.IsNullOrEmpty(options.ClusterSecret))
        {
            options.ClusterSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            _generatedSecret = true;
        }

        Options = options;
        DataSource = dataSource;
        Types = types;
        Time = time;
        _migrations = migrations;
        Logger = loggerFactory.CreateLogger("OrleansSync.Runtime");
        Silo = SiloIdentity.Create(options.SiloAddress);
        Metrics = new RuntimeMetrics(meterFactory, Silo.Id.ToString());
        Owned = new OwnedPartitions();
        Fence = new Fence(Silo, Owned, loggerFactory.CreateLogger<Fence>());
        _leases = new PartitionLeases(dataSource, Silo, Owned, options, Metrics, time, loggerFactory.CreateLogger<PartitionLeases>());
        Activator = new GrainActivator(services, types);
        Router = new GrainCallRouter(this);
        Catalog = new GrainCatalog(this);
        GrainFactory = new GrainFactory(types, new Lazy<GrainCallRouter>(() => Router));
        Methods = new GrainMethodDirectory(types);
        Directory = new PartitionDirectory(dataSource, time);
        RemoteInvoker = new RemoteGrainInvoker(this, Directory, httpClients);
        var subscribers = new StreamSubscribers(types, options);
        Streams = new StreamQueue(dataSource, subscribers, () => PartitionCount, partition => Owned.TryGetEpoch(partition, out _), loggerFactory.CreateLogger<StreamQueue>());
        DeadLetters = new DeadLetters(dataSource, Streams, loggerFactory.CreateLogger<DeadLetters>());
        Webhooks = new WebhookSender(httpClients, options);
        Reminders = new ReminderService(this);
        _maintenance = new RuntimeMaintenance(this);
        _notifications = new StreamNotifications(this);
        Statistics = new ClusterStatistics(this);

        // Order matters: on losing a partition, stream agents stop first (in-flight batch done),
        // then its grains deactivate.
        _streamAgents = new StreamAgents(this, Owned, Streams);
        Owned.Lost += (partition, _) => Catalog.DeactivatePartitionAsync(partition, DeactivationReason.PartitionReleased);
    }

    public RuntimeOptions Options { get; }

    public SiloIdentity Silo { get; }

    public IGrainFactory GrainFactory { get; }

    public IStreamProducer StreamProducer => Streams;

    public IDeadLetters DeadLetters { get; }

    public IClusterStatistics ClusterStatistics => Statistics;

    internal ClusterStatistics Statistics { get; }

    public OwnedPartitions Owned { get; }

    public RuntimeMetrics Metrics { get; }

    public int PartitionCount => _leases.PartitionCount;

    public bool IsRunning => Volatile.Read(ref _state) == 2;

    /// <summary>Stopping or stopped: partitions are being (or have been) handed back.</summary>
    public bool IsStopping => Volatile.Read(ref _state) >= 3;

    public int ActivationCount => Catalog.Count;

    internal NpgsqlDataSource DataSource { get; }

    internal GrainTypeRegistry Types { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal Fence Fence { get; }

    internal GrainActivator Activator { get; }

    internal GrainCallRouter Router { get; }

    internal GrainCatalog Catalog { get; }

    internal StreamQueue Streams { get; }

    internal WebhookSender Webhooks { get; }

    internal ReminderService Reminders { get; }

    internal IRemoteGrainInvoker RemoteInvoker { get; }

    internal GrainMethodDirectory Methods { get; }

    internal PartitionDirectory Directory { get; }

    public bool IsClient => Options.Role == RuntimeRole.Client;

    internal PartitionLeases Leases => _leases;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A silo starts once.");
        }

        await SchemaMigrator.MigrateAsync(DataSource, _migrations, Logger, cancellationToken);
        if (IsClient)
        {
            await _leases.ReadClusterAsync(cancellationToken);
            Volatile.Write(ref _state, 2);
            Logger.LogInformation("Cluster client {SiloId} running; every grain call goes to the owning silo", Silo.Id);
            return;
        }

        if (_generatedSecret)
        {
            Logger.LogInformation("Runtime:ClusterSecret is not set: this silo runs alone and accepts grain calls from no other silo. Set the same secret on every silo and gateway to run a cluster.");
        }

        await _leases.StartAsync(cancellationToken);
        _notifications.Start();
        Reminders.Start();
        _maintenance.Start();
        Volatile.Write(ref _state, 2);
        Logger.LogInformation("Silo {SiloId} running with {Owned} of {Partitions} partitions", Silo.Id, Owned.Count, PartitionCount);
    }

    /// <summary>Graceful stop: hands every partition back (stream batches finished, grains deactivated), then leaves.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 3, 2) != 2)
        {
            return;
        }

        if (!IsClient)
        {
            await Reminders.StopAsync();
            await _maintenance.StopAsync();
            await _leases.StopAsync(cancellationToken);
            await _notifications.StopAsync();
            await Catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown);
        }

        Volatile.Write(ref _state, 4);
    }

    /// <summary>
    /// Test hook for a crash: stops every loop without handing anything back, as kill -9 would;
    /// the leases stay in the database until they expire.
    /// </summary>
    internal async Task CrashForTestingAsync()
    {
        Volatile.Write(ref _state, 4);
        _leases.SuspendForTesting();
        await Task.WhenAll(Reminders.StopAsync(), _maintenance.StopAsync(), _notifications.StopAsync(), _streamAgents.StopAllAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Metrics.Dispose();
    }
}
