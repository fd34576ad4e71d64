using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

public sealed class ApcupsdStatusParserTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    public static TheoryData<string> SharedFiles() =>
        [.. TestPaths.HasSharedFixtures ? Directory.GetFiles(TestPaths.Shared("apcupsd")).Select(Path.GetFileName).OfType<string>() : []];

    [SharedFixturesTheory]
    [MemberData(nameof(SharedFiles))]
    public void ToStatus_EverySharedCapture_GivesFiniteValuesAndRawStatus(string file)
    {
        var text = File.ReadAllText(TestPaths.Shared("apcupsd", file));

        var status = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text), s_now);

        Assert.Equal("apcupsd", status.Backend);
        Assert.NotEqual("", status.Status);
        Assert.Equal(status.Status.Trim(), status.Status);
        Assert.All(
            new[] { status.LoadPercent, status.BatteryChargePercent, status.PowerWatts, status.InputVoltage, status.BatteryVoltage },
            value => Assert.True(double.IsFinite(value) && value >= 0));
        Assert.Equal(s_now, status.Timestamp);
    }

    [SharedFixturesTheory]
    [InlineData("back-ups-350-usb_apcupsd-3.9.7_minimal.status", "ONLINE", 0.0, 100.0, 2580L, 0.0, 0.0, 13.3, "Back-UPS 350", "tower.usb")]
    [InlineData("back-ups-pro-1000_apcupsd-3.8.1_na-values.status", "ONLINE", 0.0, 0.0, 0L, 0.0, 0.0, 0.0, "BACK-UPS PRO 1000", "")]
    [InlineData(
        "back-ups-rs-1500_apcupsd-3.10.17_online-0pct-load.status", "ONLINE", 0.0, 100.0, 44250L, 0.0, 118.0, 26.8, "Back-UPS RS 1500", "APC_BX1500")]
    [InlineData("back-ups-rs-1500ms2_apcupsd-3.14.14_online.status", "ONLINE", 3.0, 100.0, 10800L, 27.0, 123.0, 27.3, "Back-UPS RS 1500MS2", "tower")]
    [InlineData("smart-ups-1000_apcupsd-3.7.3_online.status", "ONLINE", 9.3, 100.0, 7800L, 55.8, 235.3, 27.9, "SMART-UPS 1000", "UPS_IDEN")]
    [InlineData("smart-ups-700_apcupsd-3.7.0_onbatt.status", "ONBATT", 27.0, 74.0, 1020L, 0.0, 7.1, 24.6, "SMART-UPS 700", "SU700-1")]
    [InlineData("usb_apcupsd-3.14.14_commlost.status", "COMMLOST", 0.0, 0.0, 0L, 0.0, 0.0, 0.0, "", "")]
    public void ToStatus_SharedCapture_ReadsEachValueWithItsUnit(
        string file,
        string expectedStatus,
        double load,
        double charge,
        long runtimeSeconds,
        double powerWatts,
        double inputVoltage,
        double batteryVoltage,
        string model,
        string name)
    {
        var text = File.ReadAllText(TestPaths.Shared("apcupsd", file));

        var status = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text), s_now);

        Assert.Equal(expectedStatus, status.Status);
        Assert.Equal(load, status.LoadPercent, 3);
        Assert.Equal(charge, status.BatteryChargePercent, 3);
        Assert.Equal(runtimeSeconds, status.RuntimeLeftSeconds);
        Assert.Equal(powerWatts, status.PowerWatts, 3);
        Assert.Equal(inputVoltage, status.InputVoltage, 3);
        Assert.Equal(batteryVoltage, status.BatteryVoltage, 3);
        Assert.Equal(model, status.Model);
        Assert.Equal(name, status.Name);
        Assert.Equal(expectedStatus != "COMMLOST", status.Connected);
    }

    [SharedFixturesFact]
    public void ToStatus_CrLfLineEnds_ReadsTheSameAsLf()
    {
        var text = File.ReadAllText(TestPaths.Shared("apcupsd", "smart-ups-1000_apcupsd-3.7.3_online.status"));

        var lf = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text), s_now);
        var crlf = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text.Replace("\n", "\r\n", StringComparison.Ordinal)), s_now);

        Assert.Equal(lf, crlf);
    }

    [Theory]
    [InlineData("STATUS   : ONBATT LOWBATT \n", "ONBATT LOWBATT")]
    [InlineData("STATUS   : ONLINE NOBATT \n", "ONLINE NOBATT")]
    [InlineData("STATUS   : \n", "unknown")]
    [InlineData("MODEL    : X\n", "unknown")]
    [InlineData("", "unknown")]
    public void ToStatus_StatusWords_KeptRawWithoutTrailingSpace(string text, string expected)
    {
        var status = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text), s_now);

        Assert.Equal(expected, status.Status);
    }

    [Theory]
    [InlineData("LOADPCT  : N/A\nBCHARGE  :\nTIMELEFT : soon\n")]
    [InlineData("garbage without a colon\n: no key\nUNKNOWNKEY : 12 Things\n")]
    [InlineData("LOADPCT  : Infinity Percent\nBCHARGE  : NaN\nTIMELEFT : -\n")]
    [InlineData("STATUS   : ONLINE\nLOADPCT  : 4")]
    [InlineData("STATUS   : ONLINE\nLOADP")]
    public void ToStatus_OddValues_StayAtZeroWithoutThrowing(string text)
    {
        var status = ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(text), s_now);

        Assert.True(double.IsFinite(status.LoadPercent));
        Assert.True(status.LoadPercent is 0 or 4);
        Assert.Equal(0, status.BatteryChargePercent);
        Assert.Equal(0, status.RuntimeLeftSeconds);
    }

    [Fact]
    public void ParseRecords_DateWithColons_KeepsTheWholeValue()
    {
        var records = ApcupsdStatusParser.ParseRecords(["DATE     : 2026-12-03 22:39:06 +0000  "]);

        Assert.Equal("2026-12-03 22:39:06 +0000", records["DATE"]);
    }

    [Fact]
    public void ToStatus_NominalPowerAndLoad_GivesPowerAsTheirProduct()
    {
        var records = ApcupsdStatusParser.ParseRecords(["STATUS   : ONLINE", "LOADPCT  : 25.0 Percent", "NOMPOWER : 900 Watts"]);

        var status = ApcupsdStatusParser.ToStatus(records, s_now);

        Assert.Equal(900, status.NominalPowerWatts);
        Assert.Equal(225, status.PowerWatts, 3);
    }
}
