namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>Anchor for registering this assembly's grains and migrations (module runtime_tests).</summary>
public static class TestGrainsAssembly
{
    public const string MigrationModule = "runtime_tests";
}
