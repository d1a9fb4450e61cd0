using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// NOMIS' prisoners, bookings and IEPs, in memory. One lock guards everything: writes are tiny, and a single
/// lock also orders the offender events, which are queued inside it, exactly as the writes happened.
/// </summary>
public sealed class NomisStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NomisPrisoner> _prisoners = new(StringComparer.Ordinal);
    private readonly Dictionary<long, NomisBooking> _bookings = [];
    private readonly HashSet<string> _prisons;
    private readonly NomisSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly NomisEventPublisher _events;
    private long _nextGeneratedBookingId;
    private int _nextGeneratedPrisonerIndex;
    private long _nextOffenderId = 1;

    public NomisStore(NomisSimulatorOptions options, TimeProvider time, NomisEventPublisher events)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _events = events;
        _prisons = new HashSet<string>(options.Prisons, StringComparer.Ordinal);
        _nextGeneratedBookingId = options.FirstGeneratedBookingId;
    }

    public int PrisonerCount
    {
        get
        {
            lock (_gate)
            {
                return _prisoners.Count;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _prisoners.Clear();
            _bookings.Clear();
            _prisons.Clear();
            _prisons.UnionWith(_options.Prisons);
            _nextGeneratedBookingId = _options.FirstGeneratedBookingId;
            _nextGeneratedPrisonerIndex = 0;
            _nextOffenderId = 1;
        }
    }

    /// <summary>Adds a prisoner or booking; returns true when something was created.</summary>
    public bool SeedPrisoner(SeedPrisonerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.PrisonerNumber) || string.IsNullOrWhiteSpace(request.PrisonId) || request.BookingId <= 0)
        {
            throw SimulatorException.BadRequest("prisonerNumber and prisonId must be non-empty and bookingId positive.");
        }

        lock (_gate)
        {
            _prisons.Add(request.PrisonId);
            if (_bookings.TryGetValue(request.BookingId, out var existing))
            {
                if (!string.Equals(existing.PrisonerNumber, request.PrisonerNumber, StringComparison.Ordinal))
                {
                    throw SimulatorException.Conflict(
                        $"Booking {request.BookingId} belongs to prisoner {existing.PrisonerNumber}.");
                }

                existing.PrisonId = request.PrisonId;
                return false;
            }

            AddBooking(request.PrisonerNumber, request.BookingId, request.PrisonId);
            return true;
        }
    }

    public BulkSeedResponse BulkSeed(BulkSeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var perPrisoner = request.IncentivesPerPrisoner ?? 3;
        var prisonId = request.PrisonId ?? "MDI";
        var from = request.FromDate ?? new DateOnly(2020, 1, 1);
        var to = request.ToDate ?? new DateOnly(2022, 12, 31);
        if (request.Count is < 1 or > 100_000 || perPrisoner is < 1 or > 50 || to < from || string.IsNullOrWhiteSpace(prisonId))
        {
            throw SimulatorException.BadRequest(
                "count must be 1..100000, incentivesPerPrisoner 1..50, prisonId non-empty and fromDate <= toDate.");
        }

        var random = new Random(request.Seed ?? 1);
        string[] levels = ["STD", "STD", "STD", "ENH", "ENH", "BAS", "EN2"];
        levels = levels.Where(_options.IncentiveLevels.ContainsKey).ToArray();
        if (levels.Length == 0)
        {
            levels = _options.IncentiveLevels.Keys.ToArray();
        }

        var span = to.DayNumber - from.DayNumber + 1;
        var seeded = new List<SeededPrisoner>(request.Count);
        lock (_gate)
        {
            _prisons.Add(prisonId);
            for (var n = 0; n < request.Count; n++)
            {
                var booking = AddBooking(NextGeneratedPrisonerNumber(), NextGeneratedBookingId(), prisonId);
                var dates = Enumerable.Range(0, perPrisoner)
                    .Select(_ => from.AddDays(random.Next(span)).ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60))))
                    .Order()
                    .ToList();
                foreach (var iepDateTime in dates)
                {
                    booking.Incentives.Add(new NomisIncentive
                    {
                        BookingId = booking.BookingId,
                        Sequence = booking.NextSequence(),
                        LevelCode = levels[random.Next(levels.Length)],
                        CommentText = "Migrated test data",
                        IepDateTime = iepDateTime,
                        PrisonId = prisonId,
                        UserId = "SIM_NOMIS_USER",
                        AuditModule = NomisAuditModules.IepScreen,
                        // Saved a few seconds after the time the user typed (to the minute), as on the screen.
                        WhenCreated = iepDateTime.AddSeconds(random.Next(60)).AddTicks(random.Next(10_000_000) / 10 * 10),
                    });
                }

                seeded.Add(new SeededPrisoner(booking.PrisonerNumber, booking.BookingId));
            }
        }

        return new BulkSeedResponse(seeded.Count, seeded.Count * perPrisoner, seeded);
    }

    /// <summary>
    /// <c>POST /prisoners/{prisonNumber}/incentives</c>: a DPS sync writing to NOMIS. Audited as
    /// DPS_SYNCHRONISATION; raises IEP_UPSERTED like any write (unless turned off in the options).
    /// </summary>
    public CreateIncentiveResponse CreateIncentive(string prisonNumber, CreateIncentiveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var booking = FindPrisoner(prisonNumber).LatestBooking;
            var incentive = Insert(
                booking,
                request.IepLevel,
                request.PrisonId,
                request.IepDateTime,
                request.Comments,
                request.UserId,
                NomisAuditModules.DpsSynchronisation);
            if (_options.EmitEventsForSynchronisationWrites)
            {
                Emit(OffenderEvent.IepUpserted, booking, incentive);
            }

            return new CreateIncentiveResponse(booking.BookingId, incentive.Sequence);
        }
    }

    /// <summary>What the admin endpoint does for a NOMIS user recording an IEP, for hosts that seed data in process (the demo); returns the sequence.</summary>
    public long RecordIepAsNomisUser(string prisonerNumber, RecordIepRequest request) => RecordIep(prisonerNumber, request).Incentive.Sequence;

    internal (NomisIncentive Incentive, EventRecord Event) RecordIep(string prisonerNumber, RecordIepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var booking = FindBooking(FindPrisoner(prisonerNumber), request.BookingId);
            var incentive = Insert(
                booking,
                request.IepLevel,
                request.PrisonId ?? booking.PrisonId,
                request.IepDateTime ?? TruncateToMinute(LocalNow()),
                request.Comment,
                request.UserId ?? "SIM_NOMIS_USER",
                request.AuditModuleName ?? NomisAuditModules.IepScreen);
            return (incentive, Emit(OffenderEvent.IepUpserted, booking, incentive));
        }
    }

    internal (NomisIncentive Incentive, EventRecord Event) UpdateIep(string prisonerNumber, long sequence, long? bookingId, UpdateIepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var booking = FindBooking(FindPrisoner(prisonerNumber), bookingId);
            var incentive = FindIncentive(booking, sequence);
            if (request.IepLevel is { } level)
            {
                RequireLevel(level, incentive.PrisonId);
                incentive.LevelCode = level;
            }

            incentive.CommentText = request.Comment ?? incentive.CommentText;
            incentive.IepDateTime = request.IepDateTime ?? incentive.IepDateTime;
            incentive.AuditModule = request.AuditModuleName ?? NomisAuditModules.IepScreen;
            incentive.WhenUpdated = LocalNow();
            return (incentive, Emit(OffenderEvent.IepUpserted, booking, incentive));
        }
    }

    internal (NomisIncentive Incentive, EventRecord Event) DeleteIep(string prisonerNumber, long sequence, long? bookingId, string? auditModuleName)
    {
        lock (_gate)
        {
            var booking = FindBooking(FindPrisoner(prisonerNumber), bookingId);
            var incentive = FindIncentive(booking, sequence);
            booking.Incentives.Remove(incentive);
            incentive.AuditModule = auditModuleName ?? NomisAuditModules.IepScreen;
            return (incentive, Emit(OffenderEvent.IepDeleted, booking, incentive));
        }
    }

    public IncentiveResponse GetIncentive(long bookingId, long sequence)
    {
        lock (_gate)
        {
            var booking = _bookings.GetValueOrDefault(bookingId)
                ?? throw SimulatorException.NotFound($"Offender booking {bookingId} not found");
            var incentive = booking.Incentives.FirstOrDefault(i => i.Sequence == sequence)
                ?? throw SimulatorException.NotFound($"Incentive not found, booking id {bookingId}, sequence {sequence}");
            return ToResponse(booking, incentive, ReferenceEquals(booking.Current(), incentive));
        }
    }

    public IncentiveResponse GetCurrentIncentive(long bookingId)
    {
        lock (_gate)
        {
            var booking = _bookings.GetValueOrDefault(bookingId)
                ?? throw SimulatorException.NotFound($"Offender booking {bookingId} not found");
            var current = booking.Current()
                ?? throw SimulatorException.NotFound($"Current Incentive not found, booking id {bookingId}");
            return ToResponse(booking, current, true);
        }
    }

    /// <summary>
    /// <c>GET /incentives/ids</c>: filters on <c>whenCreated</c> (not the IEP date) from fromDate 00:00 up to and
    /// including toDate+1 00:00, sorted by whenCreated, booking, sequence — all as nomis-prisoner-api does.
    /// </summary>
    public SpringPage<IncentiveIdResponse> GetIncentiveIds(DateOnly? fromDate, DateOnly? toDate, bool latestOnly, int page, int size)
    {
        var from = fromDate?.ToDateTime(TimeOnly.MinValue);
        var to = toDate?.AddDays(1).ToDateTime(TimeOnly.MinValue);
        List<IncentiveIdResponse> ids;
        lock (_gate)
        {
            var rows = latestOnly && _options.HonourLatestOnly
                ? _bookings.Values.Select(b => b.Current()).OfType<NomisIncentive>()
                : _bookings.Values.SelectMany(b => b.Incentives);
            ids = rows
                .Where(i => (from is null || i.WhenCreated >= from) && (to is null || i.WhenCreated <= to))
                .OrderBy(i => i.WhenCreated)
                .ThenBy(i => i.BookingId)
                .ThenBy(i => i.Sequence)
                .Select(i => new IncentiveIdResponse(i.BookingId, i.Sequence))
                .ToList();
        }

        return SpringPage<IncentiveIdResponse>.Of(ids, page, size);
    }

    /// <summary><c>GET /prisoners/{offenderNo}</c>: the prisoner's latest booking and where they are (its prison).</summary>
    public PrisonerDetails GetPrisonerDetails(string offenderNo)
    {
        lock (_gate)
        {
            var prisoner = _prisoners.GetValueOrDefault(offenderNo)
                ?? throw SimulatorException.NotFound($"No prisoner with offender {offenderNo} found");
            var booking = prisoner.LatestBooking;
            return new PrisonerDetails(prisoner.PrisonerNumber, prisoner.OffenderId, booking.BookingId, booking.PrisonId, booking.Active);
        }
    }

    /// <summary><c>GET /prisoners/ids/active</c>: active bookings (one per prisoner in prison) by booking id, as nomis-prisoner-api pages them.</summary>
    public SpringPage<PrisonerIds> GetActivePrisonerIds(int page, int size)
    {
        List<PrisonerIds> ids;
        lock (_gate)
        {
            ids = _bookings.Values
                .Where(b => b.Active)
                .OrderBy(b => b.BookingId)
                .Select(b => new PrisonerIds(b.BookingId, b.PrisonerNumber))
                .ToList();
        }

        return SpringPage<PrisonerIds>.Of(ids, page, size);
    }

    public PrisonerState GetPrisoner(string prisonerNumber)
    {
        lock (_gate)
        {
            var prisoner = FindPrisoner(prisonerNumber);
            return new PrisonerState(
                prisoner.PrisonerNumber,
                prisoner.Bookings.Select(b =>
                {
                    var current = b.Current();
                    return new BookingState(
                        b.BookingId,
                        b.PrisonId,
                        b.Active,
                        ReferenceEquals(b, prisoner.LatestBooking),
                        b.Incentives.OrderBy(i => i.Sequence).Select(i => ToResponse(b, i, ReferenceEquals(i, current))).ToList());
                }).ToList());
        }
    }

    private NomisBooking AddBooking(string prisonerNumber, long bookingId, string prisonId)
    {
        if (!_prisoners.TryGetValue(prisonerNumber, out var prisoner))
        {
            prisoner = new NomisPrisoner { PrisonerNumber = prisonerNumber, OffenderId = _nextOffenderId++ };
            _prisoners.Add(prisonerNumber, prisoner);
        }

        foreach (var previous in prisoner.Bookings)
        {
            previous.Active = false;
        }

        var booking = new NomisBooking { BookingId = bookingId, PrisonerNumber = prisonerNumber, PrisonId = prisonId, Active = true };
        prisoner.Bookings.Add(booking);
        _bookings.Add(bookingId, booking);
        return booking;
    }

    private NomisIncentive Insert(
        NomisBooking booking,
        string levelCode,
        string prisonId,
        DateTime iepDateTime,
        string? comment,
        string? userId,
        string auditModule)
    {
        if (!_prisons.Contains(prisonId))
        {
            throw SimulatorException.BadRequest($"Prison with id={prisonId} does not exist");
        }

        RequireLevel(levelCode, prisonId);
        var incentive = new NomisIncentive
        {
            BookingId = booking.BookingId,
            Sequence = booking.NextSequence(),
            LevelCode = levelCode,
            CommentText = comment,
            IepDateTime = iepDateTime,
            PrisonId = prisonId,
            UserId = userId,
            AuditModule = auditModule,
            WhenCreated = LocalNow(),
        };
        booking.Incentives.Add(incentive);
        return incentive;
    }

    /// <summary>
    /// The description of an IEP_LEVEL code, or null when NOMIS has no such code: the configured levels, and those the
    /// hub created in the reference-data tables (NomisSimulator wires this to them).
    /// </summary>
    public Func<string, string?>? ReferenceCodeDescription { get; set; }

    private string? DescriptionOf(string levelCode) =>
        _options.IncentiveLevels.TryGetValue(levelCode, out var description) ? description : ReferenceCodeDescription?.Invoke(levelCode);

    private void RequireLevel(string levelCode, string prisonId)
    {
        if (DescriptionOf(levelCode) is null)
        {
            throw SimulatorException.BadRequest($"IEP type {levelCode} does not exist for prison {prisonId}");
        }
    }

    private EventRecord Emit(string eventType, NomisBooking booking, NomisIncentive incentive) =>
        _events.Publish(new IepChange(
            eventType,
            booking.PrisonerNumber,
            booking.BookingId,
            incentive.Sequence,
            incentive.PrisonId,
            incentive.LevelCode,
            incentive.AuditModule));

    private NomisPrisoner FindPrisoner(string prisonerNumber) =>
        _prisoners.GetValueOrDefault(prisonerNumber)
        ?? throw SimulatorException.NotFound($"Prisoner with prison number {prisonerNumber} not found");

    private static NomisBooking FindBooking(NomisPrisoner prisoner, long? bookingId)
    {
        if (bookingId is null)
        {
            return prisoner.LatestBooking;
        }

        return prisoner.Bookings.FirstOrDefault(b => b.BookingId == bookingId)
            ?? throw SimulatorException.NotFound($"Booking {bookingId} of prisoner {prisoner.PrisonerNumber} not found");
    }

    private static NomisIncentive FindIncentive(NomisBooking booking, long sequence) =>
        booking.Incentives.FirstOrDefault(i => i.Sequence == sequence)
        ?? throw SimulatorException.NotFound($"Incentive not found, booking id {booking.BookingId}, sequence {sequence}");

    private IncentiveResponse ToResponse(NomisBooking booking, NomisIncentive incentive, bool current) => new()
    {
        BookingId = booking.BookingId,
        IncentiveSequence = incentive.Sequence,
        CommentText = incentive.CommentText,
        IepDateTime = incentive.IepDateTime,
        WhenCreated = incentive.WhenCreated,
        PrisonId = incentive.PrisonId,
        IepLevel = new CodeDescription(incentive.LevelCode, DescriptionOf(incentive.LevelCode) ?? incentive.LevelCode),
        UserId = incentive.UserId,
        CurrentIep = current,
        OffenderNo = booking.PrisonerNumber,
        AuditModule = incentive.AuditModule,
        WhenUpdated = incentive.WhenUpdated,
    };

    /// <summary>NOMIS timestamps are zone-less UK local time, stored to the microsecond (Oracle TIMESTAMP(6)).</summary>
    private DateTime LocalNow()
    {
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), SimulatorTimeZones.London).DateTime;
        return new DateTime(local.Ticks - (local.Ticks % 10), DateTimeKind.Unspecified);
    }

    private static DateTime TruncateToMinute(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);

    private long NextGeneratedBookingId()
    {
        while (_bookings.ContainsKey(_nextGeneratedBookingId))
        {
            _nextGeneratedBookingId++;
        }

        return _nextGeneratedBookingId++;
    }

    /// <summary>NOMS numbers look like A1234BC: letter, four digits, two letters. Generated ones start at G.</summary>
    private string NextGeneratedPrisonerNumber()
    {
        while (true)
        {
            var index = _nextGeneratedPrisonerIndex++;
            var rest = index / 10_000;
            var number = string.Create(
                7,
                (index, rest),
                static (span, state) =>
                {
                    span[0] = (char)('G' + ((state.rest / 676) % 20));
                    (state.index % 10_000).TryFormat(span[1..5], out _, "D4", System.Globalization.CultureInfo.InvariantCulture);
                    span[5] = (char)('A' + ((state.rest / 26) % 26));
                    span[6] = (char)('A' + (state.rest % 26));
                });
            if (!_prisoners.ContainsKey(number))
            {
                return number;
            }
        }
    }
}
