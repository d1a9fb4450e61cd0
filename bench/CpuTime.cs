namespace OrleansSync.Bench;

/// <summary>
/// CPU time used by this process and by the machine's PostgreSQL server processes (read from Linux's /proc), so a
/// scenario can say what each design costs per event next to its rate: on a small machine the two share the cores,
/// and a rate alone does not say on which side a design spends them. Postgres is null where /proc is not there.
/// </summary>
public readonly record struct CpuTime(TimeSpan Bench, TimeSpan? Postgres)
{
    // Linux reports process times in clock ticks of USER_HZ, which is 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuTime Now() => new(Process.GetCurrentProcess().TotalProcessorTime, PostgresNow());

    /// <summary>The CPU used since <paramref name="start"/>. Server processes that exited in between are not counted; the pools keep theirs open.</summary>
    public CpuTime Since(CpuTime start) => new(Bench - start.Bench, Postgres - start.Postgres);

    private static TimeSpan? PostgresNow()
    {
        if (!Directory.Exists("/proc/self"))
        {
            return null;
        }

        var seconds = 0d;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // /proc/<pid>/stat: "pid (name) state ..."; utime and stime are the 14th and 15th fields.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var nameEnd = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..nameEnd] == "postgres")
                {
                    var fields = stat[(nameEnd + 2)..].Split(' ');
                    seconds += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process directory, or the process ended while it was being read.
            }
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
