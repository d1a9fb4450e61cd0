using System.Net.Http.Json;
using System.Text.Json;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Tests.Support;

namespace OrleansSync.Simulators.Tests.Datahub;

public sealed class GeneratedDataTests
{
    [Fact]
    public async Task Every_one_of_the_default_5000_generated_gsrns_has_a_valid_check_digit()
    {
        await using var host = await SimulatorHost.StartAsync(datahub: o => o.PointCount = 5000);

        var page = await Nomis.NomisApi.ReadJsonAsync(await host.Client.GetAsync("/sim/datahub/admin/accounting_points?limit=10000"));
        var gsrns = page.GetProperty("gsrns").EnumerateArray().Select(e => e.GetString()!).ToList();

        gsrns.Should().HaveCount(5001).And.OnlyHaveUniqueItems();
        gsrns.Should().OnlyContain(g => Gsrn.IsValid(g));
        host.Datahub.Store.GeneratedGsrns.Should().OnlyContain(g => g.StartsWith(Gsrn.ElhubPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Timelines_are_ordered_non_overlapping_and_aligned_to_oslo_midnight()
    {
        var store = new AccountingPointStore(2000, 7, registerFixturePoints: false);

        foreach (var gsrn in store.GeneratedGsrns)
        {
            var point = store.Find(gsrn)!;
            AssertTimeline(point.EndUser, gsrn);
            AssertTimeline(point.EnergySupplier, gsrn);
            AssertTimeline(point.MeteringGridArea, gsrn);
            AssertTimeline(point.EnergyDirection!, gsrn);
            point.EndUser.Should().OnlyContain(e => e.EntityType == (e.BusinessId.Length == 11 ? "person" : "organisation"));
            point.EnergySupplier.Should().OnlyContain(e => Gln.IsValid(e.BusinessId));
            point.MeteringGridArea.Should().OnlyContain(m => EicCode.IsValid(m.BusinessId));
            if (point is { HasLocation: true, Latitude: { } latitude })
            {
                latitude.Should().BeInRange(58, 71);
            }
        }

        var points = store.GeneratedGsrns.Select(g => store.Find(g)!).ToList();
        points.Should().Contain(p => p.EnergySupplier.Count > 1, "suppliers switch");
        points.Should().Contain(p => p.EndUser.Count > 1, "end users move");
        points.Should().Contain(p => p.MeteringGridArea.Count > 1, "some grid areas are reorganised");
        points.Should().Contain(p => !p.HasLocation, "some points have no location keys")
            .And.Contain(p => p.HasLocation && p.Latitude == null, "some have explicit null")
            .And.Contain(p => p.Latitude != null, "most have coordinates");
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed()
    {
        var a = new AccountingPointStore(300, 42, registerFixturePoints: false);
        var b = new AccountingPointStore(300, 42, registerFixturePoints: false);
        var c = new AccountingPointStore(300, 43, registerFixturePoints: false);

        a.GeneratedGsrns.Should().Equal(b.GeneratedGsrns);
        a.GeneratedGsrns.Should().NotEqual(c.GeneratedGsrns);
        foreach (var gsrn in a.GeneratedGsrns)
        {
            JsonSerializer.Serialize(a.Find(gsrn), DatahubJson.Options).Should().Be(JsonSerializer.Serialize(b.Find(gsrn), DatahubJson.Options));
        }
    }

    private static void AssertTimeline<T>(IReadOnlyList<T> periods, string gsrn)
        where T : ITimelinePeriod
    {
        periods.Should().NotBeEmpty();
        for (var i = 0; i < periods.Count; i++)
        {
            AssertOsloMidnight(periods[i].ValidFrom, gsrn);
            if (periods[i].ValidTo is { } to)
            {
                AssertOsloMidnight(to, gsrn);
                to.Should().BeAfter(periods[i].ValidFrom);
            }

            if (i > 0)
            {
                periods[i - 1].ValidTo.Should().NotBeNull($"only the last period of {gsrn} may be open");
                periods[i - 1].ValidTo!.Value.Should().BeOnOrBefore(periods[i].ValidFrom, $"periods of {gsrn} must not overlap");
            }
        }
    }

    private static void AssertOsloMidnight(DateTimeOffset value, string gsrn)
    {
        var oslo = TimeZoneInfo.ConvertTime(value, SimulatorTimeZones.Oslo);
        oslo.TimeOfDay.Should().Be(TimeSpan.Zero, $"{value:O} of {gsrn} must be midnight in Oslo");
        value.Offset.Should().Be(oslo.Offset, "the stored offset is Oslo's");
    }
}
