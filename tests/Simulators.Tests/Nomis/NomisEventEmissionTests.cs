using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Simulators.Nomis;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Nomis;

public sealed class NomisEventEmissionTests
{
    [Fact]
    public async Task Recording_an_iep_posts_an_sns_envelope_shaped_like_the_fixture_to_the_hub()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "G4803UT", 1234, "MDI");

        var recorded = await host.Client.PostAsJsonAsync(
            "/sim/nomis/admin/prisoners/G4803UT/iep?waitForDelivery=true",
            new { iepLevel = "ENH", comment = "Good behaviour", iepDateTime = "2024-05-01T10:15" });

        recorded.StatusCode.Should().Be(HttpStatusCode.Created);
        var result = await NomisApi.ReadJsonAsync(recorded);
        result.GetProperty("sequence").GetInt64().Should().Be(1);
        result.GetProperty("event").GetProperty("status").GetString().Should().Be(EventDeliveryStatus.Delivered);

        var request = (await host.Hub.WaitForAsync(r => r.Count == 1)).Single();
        request.ContentType.Should().StartWith("application/json");
        request.Headers["Authorization"].Should().Be("Bearer " + SimulatorHost.HubToken);
        request.Headers["x-amz-sns-message-type"].Should().Be("Notification");

        var envelope = JsonDocument.Parse(request.Body).RootElement;
        JsonShape.ShouldMatch(envelope, ContractFixtures.Element("hmpps/iep-upserted-offender-event-sns-envelope.json"));
        envelope.EnumerateObject().Select(p => p.Name).Should().Equal("MessageId", "Type", "Timestamp", "Message", "TopicArn", "MessageAttributes");
        envelope.GetProperty("Type").GetString().Should().Be("Notification");
        envelope.GetProperty("Timestamp").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
        envelope.GetProperty("TopicArn").GetString().Should().Be("arn:aws:sns:eu-west-1:000000000000:offender_events");
        var attributes = envelope.GetProperty("MessageAttributes");
        attributes.GetProperty("eventType").GetProperty("Value").GetString().Should().Be("IEP_UPSERTED");
        attributes.GetProperty("contentType").GetProperty("Value").GetString().Should().Be("text/plain;charset=UTF-8");
        attributes.GetProperty("timestamp").GetProperty("Type").GetString().Should().Be("Number.java.lang.Long");
        long.Parse(attributes.GetProperty("timestamp").GetProperty("Value").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();

        var message = JsonDocument.Parse(envelope.GetProperty("Message").GetString()!).RootElement;
        JsonShape.ShouldMatch(message, ContractFixtures.Element("hmpps/iep-upserted-offender-event.json"));
        message.EnumerateObject().Select(p => p.Name).Should().Equal(
            ContractFixtures.Element("hmpps/iep-upserted-offender-event.json").EnumerateObject().Select(p => p.Name));
        message.GetProperty("eventType").GetString().Should().Be("IEP_UPSERTED");
        message.GetProperty("eventDatetime").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$");
        message.GetProperty("offenderIdDisplay").GetString().Should().Be("G4803UT");
        message.GetProperty("agencyLocationId").GetString().Should().Be("MDI");
        message.GetProperty("bookingId").GetString().Should().Be("1234");
        message.GetProperty("iepSeq").GetString().Should().Be("1");
        message.GetProperty("iepLevel").GetString().Should().Be("ENH");
        message.GetProperty("nomisEventType").GetString().Should().Be("OFFENDER_IEP_LEVEL-UPDATED");
        message.GetProperty("auditModuleName").GetString().Should().Be("OIDOIEPS");

        var state = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/admin/prisoners/G4803UT"));
        var incentive = state.GetProperty("bookings")[0].GetProperty("incentives")[0];
        incentive.GetProperty("auditModule").GetString().Should().Be("OIDOIEPS");
        incentive.GetProperty("commentText").GetString().Should().Be("Good behaviour");
        incentive.GetProperty("iepDateTime").GetString().Should().Be("2024-05-01T10:15:00");
    }

    [Fact]
    public async Task Deleting_an_iep_posts_iep_deleted_shaped_like_the_fixture()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "G4803UT", 1234, "MDI");
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/G4803UT/iep", new { iepLevel = "STD" });

        var deleted = await host.Client.DeleteAsync("/sim/nomis/admin/prisoners/G4803UT/iep/1");

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        var requests = await host.Hub.WaitForAsync(r => r.Count == 2);
        var envelope = JsonDocument.Parse(requests[1].Body).RootElement;
        JsonShape.ShouldMatch(envelope, ContractFixtures.Element("hmpps/iep-deleted-offender-event-sns-envelope.json"));
        envelope.GetProperty("MessageAttributes").GetProperty("eventType").GetProperty("Value").GetString().Should().Be("IEP_DELETED");
        var message = JsonDocument.Parse(envelope.GetProperty("Message").GetString()!).RootElement;
        JsonShape.ShouldMatch(message, ContractFixtures.Element("hmpps/iep-deleted-offender-event.json"));
        message.GetProperty("eventType").GetString().Should().Be("IEP_DELETED");
        message.GetProperty("iepSeq").GetString().Should().Be("1");
        message.GetProperty("iepLevel").GetString().Should().Be("STD");
        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/1234/incentive-sequence/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_through_the_sync_endpoint_raise_an_echo_audited_dps_synchronisation()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A7777GG", 70, "WAI");

        await host.Client.PostAsync("/sim/nomis/prisoners/A7777GG/incentives", NomisApi.Json(ContractFixtures.Read("hmpps/nomis-create-incentive-request.json")));

        var request = (await host.Hub.WaitForAsync(r => r.Count == 1)).Single();
        var message = JsonDocument.Parse(JsonDocument.Parse(request.Body).RootElement.GetProperty("Message").GetString()!).RootElement;
        message.GetProperty("eventType").GetString().Should().Be("IEP_UPSERTED");
        message.GetProperty("auditModuleName").GetString().Should().Be("DPS_SYNCHRONISATION");
        message.GetProperty("agencyLocationId").GetString().Should().Be("WAI");
    }

    [Fact]
    public async Task Sync_writes_raise_no_event_when_turned_off()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.EmitEventsForSynchronisationWrites = false);
        await NomisApi.SeedAsync(host.Client, "A7777GG", 70, "WAI");
        await host.Client.PostAsync("/sim/nomis/prisoners/A7777GG/incentives", NomisApi.Json(ContractFixtures.Read("hmpps/nomis-create-incentive-request.json")));

        // A later user write is delivered; being in order, its arrival proves the sync write raised nothing.
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/A7777GG/iep", new { iepLevel = "BAS" });

        var requests = await host.Hub.WaitForAsync(r => r.Count >= 1);
        requests.Should().ContainSingle();
        requests[0].Body.Should().Contain("OIDOIEPS");
    }

    [Fact]
    public async Task Numeric_ids_option_writes_booking_and_sequence_as_numbers()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.NumericIdsInEvents = true);
        await NomisApi.SeedAsync(host.Client, "A8888HH", 80, "WAI");
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/A8888HH/iep", new { iepLevel = "STD" });

        var request = (await host.Hub.WaitForAsync(r => r.Count == 1)).Single();
        var message = JsonDocument.Parse(JsonDocument.Parse(request.Body).RootElement.GetProperty("Message").GetString()!).RootElement;
        message.GetProperty("bookingId").GetInt64().Should().Be(80);
        message.GetProperty("iepSeq").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_and_then_succeed()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A9999JJ", 90, "WAI");
        host.Hub.FailNext(2, StatusCodes.Status503ServiceUnavailable);

        var recorded = await NomisApi.ReadJsonAsync(await host.Client.PostAsJsonAsync(
            "/sim/nomis/admin/prisoners/A9999JJ/iep?waitForDelivery=true", new { iepLevel = "STD" }));

        recorded.GetProperty("event").GetProperty("status").GetString().Should().Be(EventDeliveryStatus.Delivered);
        recorded.GetProperty("event").GetProperty("attempts").GetInt32().Should().Be(3);
        var bodies = host.Hub.Requests.Select(r => r.Body).ToList();
        bodies.Should().HaveCount(3).And.OnlyContain(b => b == bodies[0], "a retry re-sends the same envelope (same MessageId)");
    }

    [Fact]
    public async Task A_hub_that_keeps_failing_marks_the_event_failed_without_harming_the_simulator()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.EventDeliveryAttempts = 3);
        await NomisApi.SeedAsync(host.Client, "A1010KK", 100, "WAI");
        host.Hub.FailNext(100);

        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/A1010KK/iep?waitForDelivery=true", new { iepLevel = "STD" });
        var events = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/admin/events?offenderNo=A1010KK"));

        events.GetArrayLength().Should().Be(1);
        events[0].GetProperty("status").GetString().Should().Be(EventDeliveryStatus.Failed);
        events[0].GetProperty("attempts").GetInt32().Should().Be(3);
        events[0].GetProperty("lastError").GetString().Should().Contain("500");
        (await host.Client.GetAsync("/sim/nomis/incentives/booking-id/100/current")).StatusCode.Should().Be(HttpStatusCode.OK);

        host.Hub.FailNext(0);
        var next = await NomisApi.ReadJsonAsync(await host.Client.PostAsJsonAsync(
            "/sim/nomis/admin/prisoners/A1010KK/iep?waitForDelivery=true", new { iepLevel = "ENH" }));
        next.GetProperty("event").GetProperty("status").GetString().Should().Be(EventDeliveryStatus.Delivered);
    }

    [Fact]
    public async Task Without_an_events_url_events_are_recorded_as_skipped()
    {
        await using var host = await SimulatorHost.StartAsync(nomis: o => o.EventsUrl = null);
        await NomisApi.SeedAsync(host.Client, "A1212LL", 120, "WAI");

        var recorded = await NomisApi.ReadJsonAsync(await host.Client.PostAsJsonAsync(
            "/sim/nomis/admin/prisoners/A1212LL/iep?waitForDelivery=true", new { iepLevel = "STD" }));

        recorded.GetProperty("event").GetProperty("status").GetString().Should().Be(EventDeliveryStatus.Skipped);
        host.Hub.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Updating_an_iep_raises_upserted_for_the_same_sequence()
    {
        await using var host = await SimulatorHost.StartAsync();
        await NomisApi.SeedAsync(host.Client, "A1313MM", 130, "WAI");
        await host.Client.PostAsJsonAsync("/sim/nomis/admin/prisoners/A1313MM/iep", new { iepLevel = "STD", comment = "first" });

        var updated = await host.Client.PutAsJsonAsync("/sim/nomis/admin/prisoners/A1313MM/iep/1", new { comment = "amended" });

        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var requests = await host.Hub.WaitForAsync(r => r.Count == 2);
        requests[1].Body.Should().Contain("IEP_UPSERTED").And.Contain("\\\"iepSeq\\\":\\\"1\\\"");
        var incentive = await NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/nomis/incentives/booking-id/130/incentive-sequence/1"));
        incentive.GetProperty("commentText").GetString().Should().Be("amended");
        incentive.TryGetProperty("whenUpdated", out _).Should().BeTrue();
    }
}
