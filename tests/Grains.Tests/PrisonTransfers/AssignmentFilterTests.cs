using OrleansSync.Grains.PrisonTransfers;
using OrleansSync.Grains.Tests.PrisonTransfers.Support;

namespace OrleansSync.Grains.Tests.PrisonTransfers;

/// <summary>
/// Each assignmentType filter returns exactly the applications it should, for the old POM (who created
/// and submitted them at LEI) and the new POM (at BXI, after one prisoner was transferred there).
/// </summary>
public sealed class AssignmentFilterTests(TransfersHost host) : IClassFixture<TransfersHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string OldPom = "601";
    private const string NewPom = "6002";

    [Fact]
    public async Task Each_filter_returns_exactly_its_applications_for_the_old_and_the_new_POM()
    {
        host.SeedPrisoner("A1601AF", "LEI");
        host.SeedPrisoner("A1602AF", "LEI");
        var transferred = await host.SubmittedApplicationAsync("A1601AF", OldPom, "Olive Oldpom", "LEI");
        var stayed = await host.SubmittedApplicationAsync("A1602AF", OldPom, "Olive Oldpom", "LEI");
        var inProgress = await host.InProgressApplicationAsync("A1602AF", OldPom, "Olive Oldpom", "LEI");

        await host.MoveAsync("A1601AF", "BXI");
        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Contains(transferred), Deadline, "the move to be recorded");

        (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Should().Equal(transferred);
        (await host.ListAsync(AssignmentTypes.Prison, prisonCode: "BXI")).Should().BeEmpty("no POM is allocated at BXI yet");

        await host.AllocateAsync("A1601AF", long.Parse(NewPom, System.Globalization.CultureInfo.InvariantCulture), "Pat", "Newman", "BXI");
        await Eventually.TrueAsync(async () => (await host.ListAsync(AssignmentTypes.Allocated, userId: NewPom)).Contains(transferred), Deadline, "the POM to be recorded");

        // The old POM: one application stayed with them, one was transferred out, one is theirs in progress.
        (await host.ListAsync(AssignmentTypes.Allocated, userId: OldPom)).Should().Equal(stayed);
        (await host.ListAsync(AssignmentTypes.Deallocated, userId: OldPom)).Should().Equal(transferred);
        (await host.ListAsync(AssignmentTypes.InProgress, userId: OldPom)).Should().Equal(inProgress);
        (await host.ListAsync(AssignmentTypes.Prison, prisonCode: "LEI")).Should().Equal(stayed);
        (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "LEI")).Should().BeEmpty();

        // The new POM: the transferred-in application only.
        (await host.ListAsync(AssignmentTypes.Allocated, userId: NewPom)).Should().Equal(transferred);
        (await host.ListAsync(AssignmentTypes.Deallocated, userId: NewPom)).Should().BeEmpty();
        (await host.ListAsync(AssignmentTypes.InProgress, userId: NewPom)).Should().BeEmpty();
        (await host.ListAsync(AssignmentTypes.Prison, prisonCode: "BXI")).Should().Equal(transferred);
        (await host.ListAsync(AssignmentTypes.Unallocated, prisonCode: "BXI")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paginated_with_CAS2s_headers()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await host.InProgressApplicationAsync("A1603AF", "page-user", "Page User", "LEI"));
        }

        using var response = await host.SendAsync(HttpMethod.Get, "/cas2/applications?assignmentType=IN_PROGRESS&userId=page-user&page=1&size=2", OrleansSync.Api.Security.ApiRoles.Reader);
        response.EnsureSuccessStatusCode();
        response.Headers.GetValues("X-Pagination-TotalResults").Single().Should().Be("3");
        response.Headers.GetValues("X-Pagination-TotalPages").Single().Should().Be("2");
        response.Headers.GetValues("X-Pagination-CurrentPage").Single().Should().Be("1");
        response.Headers.GetValues("X-Pagination-PageSize").Single().Should().Be("2");
        (await host.ListAsync(AssignmentTypes.InProgress, userId: "page-user")).Should().Equal(ids[2], ids[1], ids[0]);
    }
}
