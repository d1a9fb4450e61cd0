using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OrleansSync.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OrleansSync.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium) against the real silo: signing in, the live
/// silo, counters moving with traffic, every page rendering, and a dead letter replayed from the page.
/// Screenshots go to TestResults/screenshots (see <see cref="Screenshots"/>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardHost host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [ChromiumFact]
    public async Task The_page_asks_for_a_token_refuses_a_bad_one_and_then_lists_the_live_silo()
    {
        var page = await host.Browser.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Expect(page.Locator("#login")).ToContainTextAsync(".data/dev-token");

        await page.FillAsync("#token-input", "not-a-token");
        await page.ClickAsync("#token-save");
        await Expect(page.GetByTestId("login-message")).ToContainTextAsync("401");
        await Screenshots.SaveAsync(page, "01-sign-in-refused");

        await page.FillAsync("#token-input", host.Token(ApiRoles.Reader));
        await page.ClickAsync("#token-save");
        var silo = page.Locator("#silos-table tbody tr[data-silo-id]");
        await Expect(silo).ToHaveCountAsync(1);
        await Expect(silo).ToHaveAttributeAsync("data-silo-id", SiloIds.Of(host.Services.GetRequiredService<ISiloStatusOracle>().SiloAddress).ToString());
        await Expect(silo).ToContainTextAsync("healthy");
        await Expect(page.GetByTestId("tile-silos").Locator(".value")).ToHaveTextAsync("1 / 1");
        await Expect(page.GetByTestId("live-status")).ToContainTextAsync("Live");

        // The history charts draw once the sampler has two points.
        await Expect(page.Locator("#chart-calls svg polyline")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "02-overview");
    }

    [ChromiumFact]
    public async Task Counters_move_when_events_are_ingested_and_grains_are_called()
    {
        var page = await host.SignedInPageAsync(ApiRoles.Reader);
        await page.GotoAsync("/dashboard#/overview");
        var delivered = page.GetByTestId("tile-events-delivered").Locator(".value");
        var calls = page.GetByTestId("tile-calls").Locator(".value");
        await Expect(delivered).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9,]+$"));
        var deliveredBefore = Number(await delivered.InnerTextAsync());
        var callsBefore = Number(await calls.InnerTextAsync());

        const int events = 5;
        for (var i = 0; i < events; i++)
        {
            await host.IngestAsync(DashboardEventSources.Steady, $"entity-{i}", $"steady-{Guid.NewGuid():N}");
        }

        // A read that is a grain call (the accounting points' sync monitor).
        using (var reader = host.Client(ApiRoles.Reader))
        {
            for (var i = 0; i < 3; i++)
            {
                (await reader.GetAsync("/accounting-points/sync-status")).StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        // The page refreshes itself: no reload, no click.
        await Eventually.TrueAsync(
            async () => Number(await delivered.InnerTextAsync()) >= deliveredBefore + events && Number(await calls.InnerTextAsync()) >= callsBefore + 3,
            Deadline,
            $"the page's counters to pass {deliveredBefore + events} events delivered and {callsBefore + 3} grain calls");
        await Expect(page.Locator("#chart-events svg polyline")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "03-overview-after-traffic");
    }

    [ChromiumFact]
    public async Task Every_page_renders_from_the_live_cluster()
    {
        using (var reader = host.Client(ApiRoles.Reader))
        {
            (await reader.GetAsync("/accounting-points/sync-status")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var page = await host.SignedInPageAsync(ApiRoles.Reader);
        await page.GotoAsync("/dashboard#/grains");
        await Expect(page.Locator("#grains-table tr.type-row").First).ToBeVisibleAsync();
        await Expect(page.Locator("#grains-table tr.method-row").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "04-grains");

        await page.ClickAsync("#nav a[data-page=silos]");
        await Expect(page.GetByTestId("tile-silo-health").Locator(".value")).ToHaveTextAsync("healthy");
        await Expect(page.GetByTestId("tile-silo-cpu").Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("%$"));
        await Expect(page.Locator("#chart-silo-memory svg polyline")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "05-silo");

        await page.ClickAsync("#nav a[data-page=reminders]");
        await Expect(page.GetByTestId("tile-reminders-total").Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9,]+$"));
        await Expect(page.Locator("#reminders-table tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "06-reminders");

        await page.ClickAsync("#nav a[data-page=streams]");
        await Expect(page.GetByTestId("tile-stream-pending").Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9,]+$"));
        await Expect(page.Locator("#partitions-table tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "07-streams");

        // Domain panels come from the OpenAPI document: accounting points' sync status is there; an
        // expected endpoint a domain has not built yet is shown as not available, never silently missing.
        // As admin, since some domain reads (incentive migrations) are admin-only.
        page = await host.SignedInPageAsync(ApiRoles.Admin);
        await page.GotoAsync("/dashboard#/sync");
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("admin");
        var syncStatus = page.Locator("[data-domain='Accounting points'] .panel[data-available=true]").Filter(new() { HasText = "/accounting-points/sync-status" });
        await Expect(syncStatus).ToBeVisibleAsync();
        await Expect(syncStatus.Locator(".state.bad")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-domain='Incentives'] .panel")).Not.ToHaveCountAsync(0);
        var referenceDataMigration = page.Locator("[data-domain='Incentive reference data'] .panel[data-available=true]").Filter(new() { HasText = "/incentive/reference-data/migration" });
        await Expect(referenceDataMigration).ToBeVisibleAsync();
        await Expect(referenceDataMigration.Locator(".state.bad")).ToHaveCountAsync(0);
        var transfers = page.Locator("[data-domain='Prison transfers'] .panel[data-available=true]").Filter(new() { HasText = "/cas2/transfers/status" });
        await Expect(transfers).ToBeVisibleAsync();
        await Expect(transfers.Locator(".state.bad")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "08-sync");
    }

    [ChromiumFact]
    public async Task Replaying_a_dead_letter_from_the_page_delivers_it()
    {
        host.Deliveries.FlakyFails = true;
        try
        {
            var messageId = $"flaky-{Guid.NewGuid():N}";
            await host.IngestAsync(DashboardEventSources.Flaky, "entity-dead", messageId);
            var deadLetters = host.Services.GetRequiredService<IDeadLetters>();
            await Eventually.TrueAsync(
                async () => (await deadLetters.ListAsync(new DeadLetterQuery(DashboardEventSources.Flaky.StreamNamespace))).Any(l => l.MessageId == messageId),
                Deadline,
                $"message {messageId} to become a dead letter after every attempt failed");

            // A reader sees the dead letter, and is told that replaying it needs the admin role.
            var readerPage = await host.SignedInPageAsync(ApiRoles.Reader);
            await readerPage.GotoAsync("/dashboard#/streams");
            var readerRow = readerPage.Locator($"#dead-letters-table tr[data-message-id='{messageId}']");
            await readerRow.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
            await Expect(readerPage.GetByTestId("toast").Last).ToContainTextAsync("admin role");
            await readerPage.CloseAsync();

            var page = await host.SignedInPageAsync(ApiRoles.Admin);
            await page.GotoAsync("/dashboard#/streams");
            var row = page.Locator($"#dead-letters-table tr[data-message-id='{messageId}']");
            await Expect(row).ToBeVisibleAsync();
            await Expect(row).ToContainTextAsync(SubscriberDeliveries.Flaky);
            await Expect(row).ToContainTextAsync("503");
            var deadLetterTile = page.GetByTestId("tile-stream-dead-letters").Locator(".value");
            await Expect(deadLetterTile).Not.ToHaveTextAsync("0");
            var deadBefore = Number(await deadLetterTile.InnerTextAsync());
            await Screenshots.SaveAsync(page, "09-streams-dead-letter");
            host.Deliveries.Delivered(SubscriberDeliveries.Flaky, messageId).Should().BeFalse("the flaky subscriber refused every attempt so far");

            host.Deliveries.FlakyFails = false;
            await row.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
            await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("replayed");
            await Eventually.TrueAsync(() => host.Deliveries.Delivered(SubscriberDeliveries.Flaky, messageId), Deadline, $"the replayed message {messageId} to reach the flaky subscriber");
            await Expect(row).ToHaveCountAsync(0);
            await Expect(deadLetterTile).ToHaveTextAsync((deadBefore - 1).ToString("N0", CultureInfo.InvariantCulture));
            await Screenshots.SaveAsync(page, "10-streams-after-replay");
        }
        finally
        {
            host.Deliveries.FlakyFails = true;
        }
    }

    private static long Number(string text) => long.Parse(new string([.. text.Where(char.IsAsciiDigit)]), CultureInfo.InvariantCulture);
}
