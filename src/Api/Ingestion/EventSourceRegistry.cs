using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// The event sources the domains registered (<see cref="EventSourceRegistration.AddEventSource"/>),
/// by name, checked once at start-up: names are path segments, namespaces are set, and no name is
/// registered twice. Placeholders fill in for sources no domain has registered yet.
/// </summary>
internal sealed partial class EventSourceRegistry
{
    private readonly Dictionary<string, EventSource> _sources = new(StringComparer.Ordinal);

    public EventSourceRegistry(IEnumerable<EventSource> registered)
    {
        var errors = new List<string>();
        foreach (var source in registered)
        {
            if (!ValidName().IsMatch(source.Name))
            {
                errors.Add($"Event source name '{source.Name}' must be lower-case letters, digits, '.', '_' or '-' (at most 100).");
            }
            else if (string.IsNullOrWhiteSpace(source.StreamNamespace) || source.StreamNamespace.Length > 200)
            {
                errors.Add($"Event source '{source.Name}' needs a stream namespace of 1 to 200 characters.");
            }
            else if (!_sources.TryAdd(source.Name, source))
            {
                errors.Add($"Event source '{source.Name}' is registered twice.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid event sources: " + string.Join(" ", errors));
        }

        foreach (var placeholder in PlaceholderEventSources.All)
        {
            _sources.TryAdd(placeholder.Name, placeholder);
        }
    }

    public IEnumerable<EventSource> All => _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal);

    public bool TryGet(string name, [MaybeNullWhen(false)] out EventSource source) => _sources.TryGetValue(name, out source);

    public static bool IsPlaceholder(EventSource source) => PlaceholderEventSources.All.Contains(source);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex ValidName();
}
