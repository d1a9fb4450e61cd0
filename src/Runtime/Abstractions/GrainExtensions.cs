namespace OrleansSync.Runtime;

public static class GrainExtensions
{
    /// <summary>The grain's string key, named as in Orleans.</summary>
    public static string GetPrimaryKeyString(this Grain grain) => grain.GrainId.Key;
}
