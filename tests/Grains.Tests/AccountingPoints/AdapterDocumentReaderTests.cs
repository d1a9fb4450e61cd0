using System.Text.Json;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Grains.Tests.AccountingPoints;

public sealed class AdapterDocumentReaderTests
{
    private const string FixtureGsrn = "133700000000000053";

    public static TheoryData<string> Fixtures => new()
    {
        "elhub-adapter-accounting-point-200.json",
        "elhub-adapter-accounting-point-200-with-location.json",
        "elhub-adapter-accounting-point-200-with-null-location.json",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_contract_fixtures_read_as_one_period_each_from_2024_01_01_Oslo(string fixture)
    {
        var (snapshot, errors) = AdapterDocumentReader.Read(FixtureGsrn, ReadFixture(fixture), utcMidnightAsDate: true);

        errors.Should().BeEmpty();
        var start = OsloTime.Midnight(new DateOnly(2024, 1, 1));
        snapshot!.EndUsers.Should().Equal(new TimelinePeriod<EndUserValue>(new EndUserValue("123456789", "organisation"), start, null));
        snapshot.EnergySuppliers.Should().Equal(new TimelinePeriod<string>("1234567890123", start, null));
        snapshot.MeteringGridAreas.Should().Equal(new TimelinePeriod<string>("10Y1001A1001A264", start, null));
    }

    [Fact]
    public void Location_keys_absent_keep_the_stored_location_null_clears_it_and_values_set_it()
    {
        Read("elhub-adapter-accounting-point-200.json").Location.Should().Be(LocationUpdate.Unchanged);
        Read("elhub-adapter-accounting-point-200-with-null-location.json").Location.Should().Be(new LocationUpdate(false, null, null));
        Read("elhub-adapter-accounting-point-200-with-location.json").Location.Should().Be(new LocationUpdate(false, 59.9139, 10.7522));
    }

    [Fact]
    public void Bounds_at_UTC_midnight_are_refused_when_they_may_not_be_read_as_dates()
    {
        var (snapshot, errors) = AdapterDocumentReader.Read(FixtureGsrn, ReadFixture("elhub-adapter-accounting-point-200.json"), utcMidnightAsDate: false);
        snapshot.Should().BeNull();
        errors.Should().Contain("end_user[0].valid_from 2024-01-01T00:00:00+00:00 is not midnight in Europe/Oslo");
    }

    [Fact]
    public void Oslo_midnights_in_summer_and_winter_are_kept_as_they_are()
    {
        var snapshot = ReadJson(Document(suppliers: """
            [{"business_id": "7080012345678", "valid_from": "2024-01-01T00:00:00+01:00", "valid_to": "2024-06-01T00:00:00+02:00"},
             {"business_id": "7080087654321", "valid_from": "2024-06-01T00:00:00+02:00"}]
            """));
        snapshot.EnergySuppliers.Select(p => (p.From, p.To)).Should().Equal(
            (new DateTimeOffset(2023, 12, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 5, 31, 22, 0, 0, TimeSpan.Zero)),
            (new DateTimeOffset(2024, 5, 31, 22, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null));
    }

    [Fact]
    public void Every_problem_is_named_by_its_field()
    {
        var document = Document(
            gsrn: "133700000000000061",
            endUsers: """[{"business_id": "12345", "entity_type": "robot", "valid_from": "2024-01-01T00:00:00+01:00"}]""",
            suppliers: """
                [{"business_id": "7080012345678", "valid_from": "2024-01-01T12:00:00+01:00"},
                 {"business_id": "0080012345678", "valid_from": "2024-03-01T00:00:00+01:00", "valid_to": "2024-02-01T00:00:00+01:00"}]
                """,
            gridAreas: """
                [{"business_id": "10YNO-1--------2", "valid_from": "2024-01-01T00:00:00+01:00"},
                 {"business_id": "10YNO-2--------T", "valid_from": "2024-03-01T00:00:00+01:00"}]
                """);

        var (snapshot, errors) = AdapterDocumentReader.Read(FixtureGsrn, document, utcMidnightAsDate: true);

        snapshot.Should().BeNull();
        errors.Should().BeEquivalentTo(
            "gsrn is '133700000000000061', not the requested 133700000000000053",
            "end_user[0].business_id must be an organisation number (9 digits) or a birth number (11 digits)",
            "end_user[0].entity_type must be person or organisation (got 'robot')",
            "energy_supplier[0].valid_from 2024-01-01T12:00:00+01:00 is not midnight in Europe/Oslo",
            "energy_supplier[1].business_id '0080012345678' is not a GLN (13 digits, no leading zero)",
            "energy_supplier[1]: valid_to 2024-02-01T00:00:00+01:00 is not after valid_from 2024-03-01T00:00:00+01:00",
            "metering_grid_area: the period from 2024-03-01T00:00:00+01:00 overlaps the one from 2024-01-01T00:00:00+01:00");
    }

    [Fact]
    public void A_birth_number_that_breaks_the_pattern_is_never_echoed_in_the_reason()
    {
        var (_, errors) = AdapterDocumentReader.Read(FixtureGsrn, Document(endUsers: """[{"business_id": "0101019999", "valid_from": "2024-01-01T00:00:00+01:00"}]"""), true);
        errors.Should().ContainSingle().Which.Should().NotContain("0101019999");
    }

    [Fact]
    public void Missing_required_lists_are_reported()
    {
        var document = JsonSerializer.Deserialize<AdapterAccountingPoint>("""{"gsrn": "133700000000000053"}""")!;
        var (_, errors) = AdapterDocumentReader.Read(FixtureGsrn, document, true);
        errors.Should().BeEquivalentTo("end_user is required", "energy_supplier is required", "metering_grid_area is required");
    }

    [Fact]
    public void An_offset_less_date_time_is_refused_rather_than_read_in_the_host_time_zone()
    {
        var json = Json(suppliers: """[{"business_id": "7080012345678", "valid_from": "2024-01-01T00:00:00"}]""");
        var act = () => JsonSerializer.Deserialize<AdapterAccountingPoint>(json);
        act.Should().Throw<JsonException>().WithMessage("*not an RFC 3339 date-time with an offset*");
    }

    private static AccountingPointSnapshot Read(string fixture) =>
        AdapterDocumentReader.Read(FixtureGsrn, ReadFixture(fixture), utcMidnightAsDate: true).Snapshot!;

    private static AccountingPointSnapshot ReadJson(AdapterAccountingPoint document)
    {
        var (snapshot, errors) = AdapterDocumentReader.Read(FixtureGsrn, document, utcMidnightAsDate: true);
        errors.Should().BeEmpty();
        return snapshot!;
    }

    internal static AdapterAccountingPoint ReadFixture(string fixture)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the tests inside the repository.");
        var path = Path.Combine(root, "..", "shared", "contracts", "elhub", fixture);
        return JsonSerializer.Deserialize<AdapterAccountingPoint>(File.ReadAllText(path))!;
    }

    private static AdapterAccountingPoint Document(string? gsrn = null, string? endUsers = null, string? suppliers = null, string? gridAreas = null) =>
        JsonSerializer.Deserialize<AdapterAccountingPoint>(Json(gsrn, endUsers, suppliers, gridAreas))!;

    private static string Json(string? gsrn = null, string? endUsers = null, string? suppliers = null, string? gridAreas = null) => $$"""
        {
          "gsrn": "{{gsrn ?? FixtureGsrn}}",
          "end_user": {{endUsers ?? """[{"business_id": "123456789", "valid_from": "2024-01-01T00:00:00+01:00"}]"""}},
          "energy_supplier": {{suppliers ?? """[{"business_id": "7080012345678", "valid_from": "2024-01-01T00:00:00+01:00"}]"""}},
          "metering_grid_area": {{gridAreas ?? """[{"business_id": "10YNO-1--------2", "valid_from": "2024-01-01T00:00:00+01:00"}]"""}}
        }
        """;
}
