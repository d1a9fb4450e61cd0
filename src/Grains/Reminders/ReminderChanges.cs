namespace OrleansSync.Grains.Reminders;

/// <summary>
/// Reminder changes decided inside a unit of work, applied only after it committed: Orleans' reminder
/// table is not part of the entity's transaction, so registering before the commit could leave a
/// reminder for work that rolled back, and unregistering before it could drop one for work that did
/// not. One instance per unit of work; the last change of a name wins.
/// </summary>
internal sealed class ReminderChanges(Grain grain)
{
    private readonly Dictionary<string, (TimeSpan DueTime, TimeSpan Period)?> _changes = new(StringComparer.Ordinal);

    public void Register(string reminderName, TimeSpan dueTime, TimeSpan period) => _changes[reminderName] = (dueTime, period);

    public void Unregister(string reminderName) => _changes[reminderName] = null;

    /// <summary>Call after the unit of work committed.</summary>
    public async Task ApplyAsync()
    {
        foreach (var (name, change) in _changes)
        {
            if (change is { } schedule)
            {
                await grain.RegisterOrUpdateReminder(name, schedule.DueTime, schedule.Period);
            }
            else
            {
                await grain.UnregisterReminderIfAnyAsync(name);
            }
        }

        _changes.Clear();
    }
}
