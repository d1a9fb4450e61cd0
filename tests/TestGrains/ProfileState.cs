namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class ProfileState
{
    public string? Name { get; set; }

    public int Writes { get; set; }
}
