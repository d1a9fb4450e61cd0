namespace OrleansSync.Postgres.Streams;

/// <summary>Settings of the PostgreSQL stream provider (configuration section <c>Streams</c>).</summary>
public sealed class PostgresStreamOptions
{
    public const string Section = "Streams";

    /// <summary>Fixed number of queues; each is read by one pulling agent, spread evenly over the silos (<see cref="EvenQueueBalancer"/>). Changing it remaps keys: only with drained queues.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>
    /// Attempts of a message before it becomes a dead letter. 16 with the default backoff (1 s doubling to at
    /// most <see cref="RetryBackoffMax"/>, times a jitter of 0.5-1) keeps a message trying for about 7.5 minutes,
    /// so an upstream system down for a few minutes is caught up by itself; with 5 (about 30 s) most of what
    /// arrived in a 5-minute outage became dead letters waiting for a replay (README, adapter-outage benchmark).
    /// The price: a message that can never succeed holds its key (not others) that long before it is set aside.
    /// </summary>
    public int MaxAttempts { get; set; } = 16;

    /// <summary>First retry delay; doubles per attempt, with jitter, up to <see cref="RetryBackoffMax"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts: 1 minute, so that once an upstream system is back, every message
    /// held by its outage is tried again within a minute rather than up to 5 minutes later. (In the adapter-outage
    /// benchmark the whole system was back in step 12-13 minutes after the outage ended, with either cap: what holds it
    /// is elsewhere; see the README.)
    /// </summary>
    public TimeSpan RetryBackoffMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delivered messages are kept this long; it is also the de-duplication window of appends.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often an idle pulling agent (no message for a second) looks for new messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often a pulling agent looks for new messages while they keep coming. It also bounds the wait of a read that
    /// Orleans' agent skipped because a new stream of the queue was still being registered (its grain activating), which
    /// is what an entity's first event waits for.
    /// </summary>
    public TimeSpan ActivePollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a message waits before its batch subscriber (<see cref="IStreamBatchSubscriber"/>) is taken to be
    /// behind, and takes its key's later messages from the table into the same unit of work. A subscriber that keeps up
    /// runs no such query. The wait counts from the append time in the database's clock: a silo clock ahead of it only
    /// makes the look-up run sooner.
    /// </summary>
    public TimeSpan BacklogAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often a queue's checkpoint is saved at most while deliveries complete. Each save is a write and a commit of its
    /// own, and at a moderate rate Orleans' agent reports deliveries on nearly every tick: at 200 events/s, saving every
    /// report cost 1.5 writes per event (docs/POSTGRES.md). A silo that dies loses at most this much of its queues'
    /// progress; their next owner delivers it again, and consumers drop what they had committed. Zero saves every report.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most messages read from a queue at once.</summary>
    public int ReadBatchSize { get; set; } = 256;

    /// <summary>Messages a queue's agent keeps in memory between reading and delivering them to every consumer.</summary>
    public int CacheSize { get; set; } = 4096;

    public void Validate()
    {
        if (QueueCount is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCount), QueueCount, "Streams:QueueCount must be between 1 and 1024.");
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "Streams:MaxAttempts must be at least 1.");
        }

        if (RetryBackoff <= TimeSpan.Zero || RetryBackoffMax < RetryBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBackoff), RetryBackoff, "Streams:RetryBackoff must be positive and at most Streams:RetryBackoffMax.");
        }

        if (PollInterval <= TimeSpan.Zero || ReadBatchSize < 1 || CacheSize < ReadBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), "Streams:PollInterval must be positive, ReadBatchSize at least 1 and CacheSize at least ReadBatchSize.");
        }

        if (BacklogAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BacklogAfter), BacklogAfter, "Streams:BacklogAfter must not be negative.");
        }

        if (CheckpointInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "Streams:CheckpointInterval must not be negative.");
        }

        if (ActivePollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ActivePollInterval), ActivePollInterval, "Streams:ActivePollInterval must be positive.");
        }
    }
}
