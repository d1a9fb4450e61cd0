using System.Text;

namespace OrleansSync.Runtime.Placement;

/// <summary>
/// Maps a grain to its partition with a hash that is the same in every process and version
/// (FNV-1a 64 over UTF-8), never string.GetHashCode, which .NET randomises per process.
/// </summary>
public static class PartitionHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static int PartitionOf(GrainId grain, int partitionCount) => PartitionOf(grain.Type, grain.Key, partitionCount);

    public static int PartitionOf(string type, string key, int partitionCount)
    {
        var hash = OffsetBasis;
        hash = Mix(hash, type);
        hash = (hash ^ 0) * Prime; // separator, so ("ab","c") and ("a","bc") differ
        hash = Mix(hash, key);
        return (int)(hash % (ulong)partitionCount);
    }

    private static ulong Mix(ulong hash, string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
