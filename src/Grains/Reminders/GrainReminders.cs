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
}
