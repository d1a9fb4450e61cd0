using OrleansSync.Simulators.Datahub;

namespace OrleansSync.Simulators.Tests.Datahub;

public sealed class IdentifierTests
{
    [Fact]
    public void The_fixture_gsrn_is_valid_and_the_openapi_example_fails_the_check_digit()
    {
        Gsrn.IsValid(DatahubFixtures.FixtureGsrn).Should().BeTrue("133700000000000053 is FIS' own test GSRN");
        Gsrn.Validate("707057500012345678").Should().Be("Invalid GS1", "CONTRACTS.md notes the OpenAPI example fails GS1");
        Gsrn.Create("70705750001234567").Should().Be("707057500012345671");
    }

    [Theory]
    [InlineData("13370000000000005", "GSRN must have 18 digits")]
    [InlineData("1337000000000000531", "GSRN must have 18 digits")]
    [InlineData("13370000000000005A", "GSRN must have 18 digits")]
    [InlineData("033700000000000053", "GSRN must start with a non-zero digit")]
    [InlineData("133700000000000054", "Invalid GS1")]
    public void Invalid_gsrns_are_reported_with_fis_messages(string gsrn, string reason) =>
        Gsrn.Validate(gsrn).Should().Be(reason);

    [Fact]
    public void Generated_gsrns_are_valid_and_every_single_digit_error_is_caught()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var gsrn = Gsrn.Generate(random);
            Gsrn.IsValid(gsrn).Should().BeTrue(gsrn);
            var position = random.Next(1, 18);
            var wrong = (char)('0' + (((gsrn[position] - '0') + 1 + random.Next(9)) % 10));
            Gsrn.IsValid(gsrn[..position] + wrong + gsrn[(position + 1)..]).Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("10YNO-1--------2", true)]
    [InlineData("10YNO-2--------T", true)]
    [InlineData("10YNO-3--------J", true)]
    [InlineData("10YNO-4--------9", true)]
    [InlineData("10Y1001A1001A48H", true)]
    [InlineData("10Y1001A1001A264", false)] // the adapter fixtures' MGA: pattern-valid, check-character-invalid
    public void Eic_check_character_matches_published_codes(string code, bool valid) =>
        EicCode.IsValid(code).Should().Be(valid);

    [Fact]
    public void Generated_glns_eics_and_end_user_ids_match_the_contract_patterns()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            Gln.Generate(random).Should().MatchRegex("^[1-9][0-9]{12}$").And.Match(g => Gln.IsValid(g));
            EicCode.GenerateY(random).Should().MatchRegex(@"^[0-9]{2}Y[0-9A-Z\-]{12}[0-9A-Z]$").And.Match(c => EicCode.IsValid(c));
            NorwegianIds.OrganisationNumber(random).Should().MatchRegex("^[1-9][0-9]{8}$");
            var birthNumber = NorwegianIds.SyntheticBirthNumber(random);
            birthNumber.Should().MatchRegex("^[0-9]{11}$");
            int.Parse(birthNumber[2..4], System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(81, 92, "synthetic numbers add 80 to the month");
        }
    }
}
