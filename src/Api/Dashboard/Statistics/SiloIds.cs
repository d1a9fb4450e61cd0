using System.Security.Cryptography;
using System.Text;

namespace OrleansSync.Api.Dashboard.Statistics;

/// <summary>
/// The dashboard's stable id of an Orleans silo: a GUID derived from its address (endpoint and
/// generation), so a restarted silo (a new generation) is a new silo, as the dashboard's rates expect.
/// </summary>
public static class SiloIds
{
    public static Guid Of(SiloAddress silo) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(silo.ToParsableString())).AsSpan(0, 16));
}
