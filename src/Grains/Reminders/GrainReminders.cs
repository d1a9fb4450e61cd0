namespace OrleansSync.Grains.Reminders;

/// <summary>Reminder helpers Orleans lacks.</summary>
internal static class GrainReminders
{
    /// <summary>Unregisters a reminder by name; nothing happens when it is not registered (Orleans needs its handle).</summary>
    public static async Task UnregisterReminderIfAnyAsync(this Grain grain, string reminderName)
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// A configured tick period raised to Orleans' minimum reminder period (1 minute unless a test
    /// lowers it), so a short setting never makes registration throw.
    /// </summary>
    public static TimeSpan AtLeastMinimum(this TimeSpan period, TimeSpan minimumReminderPeriod) =>
        period < minimumReminderPeriod ? minimumReminderPeriod : period;

    /// <summary>
    /// A due time never shorter than a small lead. Orleans ticks a reminder at its start time plus
    /// whole periods and, when the start time has already passed once the silo arms the reminder,
    /// skips to the next multiple: a reminder due "now" would first tick a whole period later.
    /// The lead (1 second, less when a test shortens the minimum period) keeps its start ahead.
    /// </summary>
    public static TimeSpan AtLeastLead(this TimeSpan dueTime, TimeSpan minimumReminderPeriod)
    {
        var lead = minimumReminderPeriod < FirstTickLead ? minimumReminderPeriod : FirstTickLead;
        return dueTime < lead ? lead : dueTime;
    }

    private static readonly TimeSpan FirstTickLead = TimeSpan.FromSeconds(1);
}
