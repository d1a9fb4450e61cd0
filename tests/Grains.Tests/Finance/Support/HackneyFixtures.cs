namespace OrleansSync.Grains.Tests.Finance.Support;

/// <summary>The Hackney contract payloads in ../shared/contracts/hackney, read as they are.</summary>
internal static class HackneyFixtures
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("The tests must run inside the repository (OrleansSync.sln not found).");
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "contracts", "hackney"));
    });

    public const string TenurePostRequest = "hackney-tenure-post-request-secure.json";
    public const string EventDataWithNulls = "hackney-entity-event-eventdata-with-nulls.json";
    public const string PersonCreatedSqsEnvelope = "hackney-sqs-envelope-PersonCreatedEvent-v1.json";
    public const string AccountCreateRequest = "account-create-request.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));
}
