using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// Where accounts go (Finance:Mode): the ADR's phase 1 is the read-only spreadsheet; phase 2 pushes to the
/// interim solution directly; "both" runs them side by side while users compare. A setting, not a release.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinanceMode>))]
public enum FinanceMode
{
    Spreadsheet,
    Both,
    Push,
}
