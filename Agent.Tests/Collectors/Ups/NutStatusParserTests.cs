using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

public sealed class NutStatusParserTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    public static TheoryData<string> SharedFiles() =>
        [.. TestPaths.HasSharedFixtures ? Directory.GetFiles(TestPaths.Shared("nut")).Select(Path.GetFileName).OfType<string>() : []];

    [SharedFixturesTheory]
    [MemberData(nameof(SharedFiles))]
    public void ToStatus_EverySharedDump_GivesFiniteValuesAndRawStatus(string file)
    {
        var variables = NutStatusParser.ParseDump(File.ReadAllText(TestPaths.Shared("nut", file)));

        var status = NutStatusParser.ToStatus("ups", variables, s_now);

        Assert.Equal("nut", status.Backend);
        Assert.True(status.Connected);
        Assert.NotEqual("", status.Status);
        Assert.DoesNotContain(variables.Keys, key => key.StartsWith('#'));
        Assert.All(
            new[] { status.LoadPercent, status.BatteryChargePercent, status.PowerWatts, status.InputVoltage, status.OutputVoltage },
            value => Assert.True(double.IsFinite(value) && value >= 0));
    }

    [SharedFixturesTheory]
    [InlineData("APC__Back-UPS_XS_1000M__usbhid-ups__2.7.4.1__01.dev", "OL", 2.0, 100.0, 13032L, 12.0, 600.0, 120.0, 0.0, 13.8, "Back-UPS XS 1000M")]
    [InlineData("APC__Back-UPS_XS_1200__usbhid-ups__2.2.0__01.dev", "OL LB OVER RB BOOST", 1.0, 1.0, 1L, 0.0, 0.0, 1.0, 1.0, 1.0, "Back-UPS XS 1200")]
    [InlineData("APC__Smart-UPS_2200__usbhid-ups__2.7.4__01.dev", "OB DISCHRG", 5.2, 93.0, 65535L, 0.0, 0.0, 0.0, 220.4, 52.4, "Smart-UPS 2200")]
    [InlineData(
        "Cyber_Power_Systems__CP900AVR__usbhid-ups__2.6.5__01.dev", "OB DISCHRG", 13.0, 93.0, 2572L, 8.84, 68.0, 0.0, 120.0, 12.1, "CP 1000D")]
    [InlineData(
        "Eaton__5PX_2000__usbhid-ups__2.7.4__01.dev", "ALARM OL CHRG RB", 30.0, 100.0, 1032L, 504.0, 1800.0, 235.0, 235.0, 0.0, "Eaton 5PX 2000")]
    [InlineData("Plexus__500VA__megatec_usb__2.2.1__01.dev", "OB", 100.0, 89.8, 0L, 0.0, 0.0, 0.0, 230.0, 11.5, "500VA")]
    [InlineData("telegraf_CyberPower_CP900EPFCLCD_usbhid-ups_2.8.1.upsc", "OL", 13.0, 100.0, 4020L, 70.2, 540.0, 228.0, 228.0, 24.0, "CP900EPFCLCD")]
    public void ToStatus_SharedDump_ReadsEachVariable(
        string file,
        string expectedStatus,
        double load,
        double charge,
        long runtimeSeconds,
        double powerWatts,
        double nominalWatts,
        double inputVoltage,
        double outputVoltage,
        double batteryVoltage,
        string model)
    {
        var variables = NutStatusParser.ParseDump(File.ReadAllText(TestPaths.Shared("nut", file)));

        var status = NutStatusParser.ToStatus("ups", variables, s_now);

        Assert.Equal(expectedStatus, status.Status);
        Assert.Equal(load, status.LoadPercent, 3);
        Assert.Equal(charge, status.BatteryChargePercent, 3);
        Assert.Equal(runtimeSeconds, status.RuntimeLeftSeconds);
        Assert.Equal(powerWatts, status.PowerWatts, 3);
        Assert.Equal(nominalWatts, status.NominalPowerWatts, 3);
        Assert.Equal(inputVoltage, status.InputVoltage, 3);
        Assert.Equal(outputVoltage, status.OutputVoltage, 3);
        Assert.Equal(batteryVoltage, status.BatteryVoltage, 3);
        Assert.Equal(model, status.Model);
    }

    [Theory]
    [InlineData("ups.status:\n", "unknown")]
    [InlineData("ups.status:    \n", "unknown")]
    [InlineData("ups.load: 3\n", "unknown")]
    [InlineData("ups.status: LB OL CHRG\n", "LB OL CHRG")]
    [InlineData("ups.status: WAIT", "WAIT")]
    public void ToStatus_StatusWords_KeptRawOrUnknown(string text, string expected)
    {
        var status = NutStatusParser.ToStatus("ups", NutStatusParser.ParseDump(text), s_now);

        Assert.Equal(expected, status.Status);
    }

    [Theory]
    [InlineData("ups.load: N/A\nbattery.charge:\nbattery.runtime: unknown\n")]
    [InlineData("a line without a colon\n: empty key\nups.unknown.key: 1\n#CMD:beeper.toggle\n")]
    [InlineData("ups.load: 12\nbattery.char")]
    [InlineData("ups.load: -Infinity\nbattery.charge: NaN\n")]
    public void ToStatus_OddDumps_StayAtZeroWithoutThrowing(string text)
    {
        var status = NutStatusParser.ToStatus("ups", NutStatusParser.ParseDump(text), s_now);

        Assert.True(status.LoadPercent is 0 or 12);
        Assert.Equal(0, status.BatteryChargePercent);
        Assert.Equal(0, status.RuntimeLeftSeconds);
    }

    [Fact]
    public void ToStatus_RealPowerMissing_UsesNominalTimesLoad()
    {
        var variables = NutStatusParser.ParseDump("ups.load: 50\nups.realpower.nominal: 900\n");

        var status = NutStatusParser.ToStatus("ups", variables, s_now);

        Assert.Equal(450, status.PowerWatts, 3);
    }

    [Fact]
    public void ParseDump_DevNoteAfterTab_IsLeftOut()
    {
        var variables = NutStatusParser.ParseDump("battery.runtime: 65535\t#BAD: overflow?\n");

        Assert.Equal("65535", variables["battery.runtime"]);
    }
}
