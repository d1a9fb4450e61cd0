using OrleansSync.Api.Dashboard.Statistics;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace OrleansSync.Api.Dashboard;

/// <summary>
/// The keyset of the last reminder of a page (due time, grain type, key, name) as an opaque URL-safe
/// string, so the next page starts after it however many reminders there are.
/// </summary>
public static class ReminderCursor
{
    public static string Encode(ReminderView last) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { last.DueAt.ToString("O"), last.GrainType, last.GrainKey, last.Name }));

    /// <summary>Reads a cursor <see cref="Encode"/> made; false for anything else.</summary>
    public static bool TryDecode(string cursor, [NotNullWhen(true)] out ReminderView? after)
    {
        after = null;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            if (parts is not [var due, var type, var key, var name] || type is null || key is null || name is null
                || !DateTimeOffset.TryParseExact(due, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dueAt))
            {
                return false;
            }

            // Only the keyset matters to the query; the other fields are not part of it.
            after = new ReminderView(type, key, name, 0, TimeSpan.Zero, dueAt, false);
            return true;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return false;
        }
    }
}
