namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>The browser and API tests share one silo and one Chromium: starting either is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
