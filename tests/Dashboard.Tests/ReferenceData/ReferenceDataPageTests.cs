using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OrleansSync.Dashboard.Tests.Support;
using OrleansSync.Simulators.Nomis;
using static Microsoft.Playwright.Assertions;

namespace OrleansSync.Dashboard.Tests.ReferenceData;

/// <summary>
/// The incentive reference data screens (/dashboard/reference-data.html) in Debian's Chromium against the real silo:
/// an editor's change (levels, prison levels, other privileges) reaching the API and NOMIS, a reader seeing everything
/// but no edit control, and a broken rule shown with the API's own message. Each test uses its own prison and its own
/// privilege codes, so they do not see each other's changes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReferenceDataPageTests(DashboardHost host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Everything on the page that could change the reference data; the prison picker only chooses what to view.
    private const string EditControls =
        "#levels-table button, #levels-table input, #level-editor button, #level-editor input, "
        + "#prison-levels-table button, #prison-levels-table input, #prison-level-editor button, #prison-level-editor input, "
        + "#privileges-table button, #privileges-table input, #privilege-editor button, #privilege-editor input, "
        + "#prison-privileges-editor button, #prison-privileges-editor input";

    [ChromiumFact]
    public async Task An_editor_sets_a_prison_levels_spend_limit_and_visit_orders_and_the_API_and_NOMIS_have_them()
    {
        await CallAsync(HttpMethod.Put, "/incentive/prison-levels/WWI/reset");
        // Signed in on this page itself, as on the dashboard: the same form, the same token.
        var page = await host.Browser.NewPageAsync();
        await page.GotoAsync("/dashboard/reference-data.html#prison=WWI");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.FillAsync("#token-input", host.Token(ApiRoles.IncentiveLevelsRw));
        await page.ClickAsync("#token-save");
        await Expect(page.GetByTestId("access")).ToContainTextAsync("You may view and change");
        var enhanced = page.Locator("#prison-levels-table tr[data-level=ENH]");
        await Expect(enhanced).ToContainTextAsync("Active");

        await enhanced.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.FillAsync("#pl-convictedSpendLimitInPence", "412.34");
        await page.FillAsync("#pl-visitOrders", "4");
        await page.FillAsync("#pl-privilegedVisitOrders", "3");
        await Screenshots.SaveAsync(page, "11-reference-data-editing-a-prison-level");
        await page.ClickAsync("#prison-level-save");

        await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("ENH at WWI saved");
        await Expect(enhanced.Locator("[data-field=convictedSpendLimitInPence]")).ToHaveTextAsync("£412.34");
        await Expect(enhanced.Locator("[data-field=visitOrders]")).ToHaveTextAsync("4");
        await Expect(enhanced.Locator("[data-field=privilegedVisitOrders]")).ToHaveTextAsync("3");
        await Expect(page.Locator("#prison-level-form")).ToHaveCountAsync(0);

        var stored = await CallAsync(HttpMethod.Get, "/incentive/prison-levels/WWI/level/ENH");
        (stored.GetProperty("convictedSpendLimitInPence").GetInt32(), stored.GetProperty("visitOrders").GetInt32(), stored.GetProperty("privilegedVisitOrders").GetInt32())
            .Should().Be((41234, 4, 3), "the page sends pounds as pence");
        stored.GetProperty("active").GetBoolean().Should().BeTrue();
        stored.GetProperty("defaultOnAdmission").GetBoolean().Should().BeFalse("only the changed fields moved");

        var nomis = host.Services.GetRequiredService<NomisSimulator>().ReferenceData;
        await Eventually.TrueAsync(
            () => Task.FromResult(
                nomis.Tables().IepLevels.Any(r => r is { AgyLocId: "WWI", IepLevel: "ENH", ConvictedSpendLimit: 412.34m })
                && nomis.Tables().VisitAllowanceLevels.Any(r => r is { AgyLocId: "WWI", IepLevelCode: "ENH", RemandVisits: 4, Weekends: 3 })),
            Deadline,
            "ENH at WWI to reach NOMIS' IEP_LEVELS (£412.34) and VISIT_ALLOWANCE_LEVELS (VO 4, PVO 3)");

        // Reordering with the buttons: EN3 up one place and back again, each reaching the API.
        var order = page.Locator("#levels-table tbody tr");
        await page.Locator("#levels-table tr[data-level=EN3]").GetByRole(AriaRole.Button, new() { Name = "Move EN3 up" }).ClickAsync();
        await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("EN3 moved up");
        await Expect(order.Nth(3)).ToHaveAttributeAsync("data-level", "EN3");
        (await CallAsync(HttpMethod.Get, "/incentive/levels")).EnumerateArray().Select(l => l.GetProperty("code").GetString())
            .Should().Equal("BAS", "STD", "ENH", "EN3", "EN2");
        await Screenshots.SaveAsync(page, "12-reference-data-after-changes");
        await page.Locator("#levels-table tr[data-level=EN3]").GetByRole(AriaRole.Button, new() { Name = "Move EN3 down" }).ClickAsync();
        await Expect(order.Nth(4)).ToHaveAttributeAsync("data-level", "EN3");
        (await CallAsync(HttpMethod.Get, "/incentive/levels")).EnumerateArray().Select(l => l.GetProperty("code").GetString())
            .Should().Equal("BAS", "STD", "ENH", "EN2", "EN3");

        // A new level joins the end of the order; renamed, then deactivated (it is active in no prison), each as the API then says.
        await page.FillAsync("#new-level-code", "scr");
        await page.FillAsync("#new-level-name", "Screens");
        await page.ClickAsync("#create-level-save");
        var created = page.Locator("#levels-table tr[data-level=SCR]");
        await Expect(created).ToContainTextAsync("Screens");
        await Expect(created).ToContainTextAsync("Active");
        await created.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await page.FillAsync("#rename-name", "Screens renamed");
        await page.ClickAsync("#rename-save");
        await Expect(created).ToContainTextAsync("Screens renamed");
        await created.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(created).ToContainTextAsync("Inactive");
        var level = await CallAsync(HttpMethod.Get, "/incentive/levels/SCR");
        (level.GetProperty("name").GetString(), level.GetProperty("active").GetBoolean()).Should().Be(("Screens renamed", false));
        await Eventually.TrueAsync(
            () => Task.FromResult(nomis.Tables().ReferenceCodes.Any(c => c is { Code: "SCR", Description: "Screens renamed", Active: false })),
            Deadline,
            "the new level, renamed and deactivated, to reach NOMIS' REFERENCE_CODES");
    }

    [ChromiumFact]
    public async Task An_editor_creates_an_other_privilege_and_gives_it_to_a_prison_level_and_the_API_and_NOMIS_have_it()
    {
        await CallAsync(HttpMethod.Put, "/incentive/prison-levels/HLI/reset");
        var page = await host.SignedInPageAsync(ApiRoles.IncentiveLevelsRw);
        await page.GotoAsync("/dashboard/reference-data.html#prison=HLI");

        // Created (the page upper-cases the code), renamed, deactivated and activated again, each as the API then says.
        await page.FillAsync("#new-privilege-code", "tv_screens");
        await page.FillAsync("#new-privilege-description", "In-cell television");
        await page.ClickAsync("#create-privilege-save");
        var privilege = page.Locator("#privileges-table tr[data-privilege=TV_SCREENS]");
        await Expect(privilege).ToContainTextAsync("In-cell television");
        await Expect(privilege.Locator(".status")).ToHaveTextAsync("Active");
        await privilege.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await page.FillAsync("#privilege-rename-description", "In-cell TV");
        await page.ClickAsync("#privilege-rename-save");
        await Expect(privilege).ToContainTextAsync("In-cell TV");
        await privilege.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(privilege.Locator(".status")).ToHaveTextAsync("Inactive");
        (await CallAsync(HttpMethod.Get, "/incentive/other-privileges/TV_SCREENS")).GetProperty("active").GetBoolean().Should().BeFalse();
        await privilege.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(privilege.Locator(".status")).ToHaveTextAsync("Active");

        // Given to Standard at HLI with its checkbox; the table then shows it on that level only.
        var standard = page.Locator("#prison-levels-table tr[data-level=STD]");
        await Expect(standard.GetByTestId("other-privileges")).ToHaveTextAsync("None");
        await standard.GetByRole(AriaRole.Button, new() { Name = "Privileges" }).ClickAsync();
        await page.CheckAsync("#pp-TV_SCREENS");
        await Screenshots.SaveAsync(page, "16-reference-data-other-privileges");
        await page.ClickAsync("#prison-privileges-save");
        await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("Other privileges of STD at HLI saved");
        await Expect(standard.GetByTestId("other-privileges")).ToHaveTextAsync("TV_SCREENS");
        await Expect(page.Locator("#prison-levels-table tr[data-level=BAS]").GetByTestId("other-privileges")).ToHaveTextAsync("None");
        await Expect(page.Locator("#prison-privileges-form")).ToHaveCountAsync(0);

        var stored = await CallAsync(HttpMethod.Get, "/incentive/other-privileges/TV_SCREENS");
        (stored.GetProperty("description").GetString(), stored.GetProperty("active").GetBoolean()).Should().Be(("In-cell TV", true));
        (await CallAsync(HttpMethod.Get, "/incentive/prison-levels/HLI/level/STD/other-privileges")).GetProperty("privileges").EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()).Should().Equal("TV_SCREENS");

        var nomis = host.Services.GetRequiredService<NomisSimulator>().OtherPrivileges;
        await Eventually.TrueAsync(
            () => Task.FromResult(
                nomis.Tables().ReferenceCodes.Any(c => c is { Code: "TV_SCREENS", Description: "In-cell TV", Active: true })
                && nomis.Tables().OtherPrivilegesLevels.Any(r => r is { AgyLocId: "HLI", IepLevel: "STD", PrivilegeCode: "TV_SCREENS" })),
            Deadline,
            "TV_SCREENS (renamed, active again) to reach NOMIS' IEP_OTH_PRIV codes and Standard at HLI in OTHER_PRIVILEGES_LEVELS");
    }

    [ChromiumFact]
    public async Task A_rename_typed_while_the_page_still_reloads_after_a_create_keeps_what_the_editor_typed()
    {
        await CallAsync(HttpMethod.Put, "/incentive/prison-levels/LEI/reset");
        var (page, privilege, release) = await RenameWhileTheReloadAfterItsCreateIsHeldAsync("HELD_RENAME", "Held television");
        await page.FillAsync("#privilege-rename-description", "Held TV");
        release.SetResult();
        await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("HELD_RENAME created");

        await Expect(page.Locator("#privilege-rename-description")).ToHaveValueAsync("Held TV");
        await page.ClickAsync("#privilege-rename-save");
        await Expect(privilege).ToContainTextAsync("Held TV");
        (await CallAsync(HttpMethod.Get, "/incentive/other-privileges/HELD_RENAME")).GetProperty("description").GetString().Should().Be("Held TV");
    }

    [ChromiumFact]
    public async Task A_rename_form_redrawn_by_that_reload_keeps_the_caret_where_the_editor_left_it()
    {
        // As above, but the editor has typed nothing yet: the redraw sets the name the form already shows, which
        // leaves a new input's caret at the start, and what was typed next went in front of the name.
        var (page, _, release) = await RenameWhileTheReloadAfterItsCreateIsHeldAsync("HELD_CARET", "Held radio");
        await page.FocusAsync("#privilege-rename-description");
        await page.Keyboard.PressAsync("End");
        release.SetResult();
        await Expect(page.GetByTestId("toast").Last).ToContainTextAsync("HELD_CARET created");

        await page.Keyboard.TypeAsync(" set");
        await Expect(page.Locator("#privilege-rename-description")).ToHaveValueAsync("Held radio set");
    }

    /// <summary>
    /// Creates an other privilege at LEI and opens its rename while the reload after the create is held: that reload
    /// shows the new privilege, then waits on the prison's levels until <c>release</c> is set, and then redraws the editors.
    /// </summary>
    private async Task<(IPage Page, ILocator Privilege, TaskCompletionSource Release)> RenameWhileTheReloadAfterItsCreateIsHeldAsync(string code, string description)
    {
        var page = await host.SignedInPageAsync(ApiRoles.IncentiveLevelsRw);
        await page.GotoAsync("/dashboard/reference-data.html#prison=LEI");
        await Expect(page.Locator("#prison-levels-table tr[data-level=STD]")).ToBeVisibleAsync();

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(url => new Uri(url).AbsolutePath == "/incentive/prison-levels/LEI", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.FillAsync("#new-privilege-code", code);
        await page.FillAsync("#new-privilege-description", description);
        await page.ClickAsync("#create-privilege-save");
        var privilege = page.Locator($"#privileges-table tr[data-privilege={code}]");
        await privilege.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        return (page, privilege, release);
    }

    [ChromiumFact]
    public async Task A_reader_sees_the_levels_and_the_prisons_levels_but_no_edit_control()
    {
        await CallAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/reset");
        var standard = await CallAsync(HttpMethod.Get, "/incentive/prison-levels/MDI/level/STD");
        await WriteAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "RD_GARDEN", description = "Garden work" }, HttpStatusCode.Created);
        await WriteAsync(HttpMethod.Put, "/incentive/prison-levels/MDI/level/STD/other-privileges", new[] { "RD_GARDEN" }, HttpStatusCode.OK);

        var page = await host.SignedInPageAsync(ApiRoles.Reader);

        // A script error or a refused inline style (the page's content security policy) would show here.
        var consoleErrors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Enqueue(message.Text);
            }
        };
        await page.GotoAsync("/dashboard");
        await page.ClickAsync("#reference-data-link");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard/reference-data.html"));
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("reader");
        await Expect(page.GetByTestId("access")).ToContainTextAsync("Changing it needs the incentive-levels-rw or admin role");

        // Every level in order, the inactive one shown as such.
        // (A level another test of this class created may follow them.)
        var levels = page.Locator("#levels-table tbody tr");
        await Expect(page.Locator("#levels-table tr[data-level=ENT]")).ToBeVisibleAsync();
        (await levels.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.level)")).Take(6).Should().Equal("BAS", "STD", "ENH", "EN2", "EN3", "ENT");
        await Expect(page.Locator("#levels-table tr[data-level=ENT]")).ToContainTextAsync("Inactive");
        await Expect(page.Locator("#levels-table tr[data-level=STD]")).ToContainTextAsync("Required");

        // The prison's levels: money in pounds from the API's pence, visit orders, the default on admission.
        var std = page.Locator("#prison-levels-table tr[data-level=STD]");
        await Expect(std.GetByTestId("default-on-admission")).ToHaveTextAsync("Default");
        await Expect(std.Locator("[data-field=remandSpendLimitInPence]")).ToHaveTextAsync(Pounds(standard.GetProperty("remandSpendLimitInPence").GetInt32()));
        await Expect(std.Locator("[data-field=convictedTransferLimitInPence]")).ToHaveTextAsync(Pounds(standard.GetProperty("convictedTransferLimitInPence").GetInt32()));
        await Expect(std.Locator("[data-field=visitOrders]")).ToHaveTextAsync(standard.GetProperty("visitOrders").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#prison-levels-table tr[data-level=EN2]")).ToContainTextAsync("Inactive");

        // The other privileges, and the one Standard has at MDI.
        await Expect(page.Locator("#privileges-table tr[data-privilege=RD_GARDEN]")).ToContainTextAsync("Garden work");
        await Expect(std.GetByTestId("other-privileges")).ToHaveTextAsync("RD_GARDEN");

        await Expect(page.Locator(EditControls)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "13-reference-data-reader");

        // Another prison is one form away (LPI was never set up here: every level inactive); still nothing to edit.
        await page.FillAsync("#prison-input", "lpi");
        await page.ClickAsync("#prison-show");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#prison=LPI$"));
        await Expect(page.Locator("#prison-levels-table tr[data-level=BAS]")).ToContainTextAsync("Inactive", new() { Timeout = 30_000 });
        await Expect(page.Locator(EditControls)).ToHaveCountAsync(0);
        consoleErrors.Should().BeEmpty();

        // Not drawing the controls is not the protection: the API refuses a reader's write.
        using var reader = host.Client(ApiRoles.Reader);
        using var refused = await reader.PatchAsJsonAsync("/incentive/prison-levels/MDI/level/STD", new { visitOrders = 9 });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [ChromiumFact]
    public async Task A_broken_rule_is_shown_with_the_APIs_message_next_to_the_form_and_nothing_changes()
    {
        await CallAsync(HttpMethod.Put, "/incentive/prison-levels/BMI/reset");
        var page = await host.SignedInPageAsync(ApiRoles.IncentiveLevelsRw);
        await page.GotoAsync("/dashboard/reference-data.html#prison=BMI");
        var standard = page.Locator("#prison-levels-table tr[data-level=STD]");
        await Expect(standard.GetByTestId("default-on-admission")).ToHaveTextAsync("Default");

        // Rule 201: the default on admission cannot be made inactive.
        await standard.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.UncheckAsync("#pl-active");
        await page.ClickAsync("#prison-level-save");
        var error = page.GetByTestId("prison-level-error");
        await Expect(error).ToContainTextAsync("Validation failure: A level cannot be made inactive and still be the default for admission");
        await Expect(error).ToContainTextAsync("error 201");
        await Expect(page.Locator("#prison-level-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#pl-active")).Not.ToBeCheckedAsync();
        await Screenshots.SaveAsync(page, "14-reference-data-rule-refused");
        var stored = await CallAsync(HttpMethod.Get, "/incentive/prison-levels/BMI/level/STD");
        (stored.GetProperty("active").GetBoolean(), stored.GetProperty("defaultOnAdmission").GetBoolean()).Should().Be((true, true), "a refused change writes nothing");

        // A negative amount never leaves the page: the field is named.
        await page.CheckAsync("#pl-active");
        await page.FillAsync("#pl-remandSpendLimitInPence", "-5");
        await page.ClickAsync("#prison-level-save");
        await Expect(error).ToHaveTextAsync("Remand spend limit: must be an amount in pounds such as 60.50, not negative.");

        // Rule 100 on the global levels, shown beside the levels' forms with the API's own message.
        var (status, expected) = await SendAsync(HttpMethod.Delete, "/incentive/levels/STD");
        status.Should().Be(HttpStatusCode.BadRequest, expected.ToString());
        await page.Locator("#levels-table tr[data-level=STD]").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(page.GetByTestId("level-error")).ToContainTextAsync(expected.GetProperty("userMessage").GetString()!);
        await Expect(page.GetByTestId("level-error")).ToContainTextAsync($"error {expected.GetProperty("errorCode").GetInt32()}");
        await Expect(page.Locator("#levels-table tr[data-level=STD]")).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(page, "15-reference-data-level-rule-refused");

        // A privilege cannot be given to a level that is not active in the prison: the API names levelCode.
        await WriteAsync(HttpMethod.Post, "/incentive/other-privileges", new { code = "RULE_PRIV", description = "Refused privilege" }, HttpStatusCode.Created);
        await page.ReloadAsync();
        var enhanced2Row = page.Locator("#prison-levels-table tr[data-level=EN2]");
        await Expect(enhanced2Row).ToContainTextAsync("Inactive");
        await enhanced2Row.GetByRole(AriaRole.Button, new() { Name = "Privileges" }).ClickAsync();
        await page.CheckAsync("#pp-RULE_PRIV");
        await page.ClickAsync("#prison-privileges-save");
        await Expect(page.GetByTestId("prison-privileges-error")).ToHaveTextAsync("levelCode: Incentive level EN2 is not active in prison BMI");
        await Expect(page.Locator("#pp-RULE_PRIV")).ToBeCheckedAsync();
        await Expect(enhanced2Row.GetByTestId("other-privileges")).ToHaveTextAsync("None");
        (await CallAsync(HttpMethod.Get, "/incentive/prison-levels/BMI/level/EN2/other-privileges")).GetProperty("privileges").GetArrayLength()
            .Should().Be(0, "a refused change writes nothing");
    }

    private static string Pounds(int pence) => (pence / 100m).ToString("£#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> CallAsync(HttpMethod method, string path)
    {
        var (status, body) = await SendAsync(method, path);
        status.Should().Be(HttpStatusCode.OK, $"{method} {path} answered {body}");
        return body;
    }

    private async Task WriteAsync(HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var client = host.Client(ApiRoles.IncentiveLevelsRw);
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(expected, $"{method} {path} answered {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path)
    {
        using var client = host.Client(ApiRoles.IncentiveLevelsRw);
        using var request = new HttpRequestMessage(method, path);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
