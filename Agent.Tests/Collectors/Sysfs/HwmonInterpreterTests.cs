using Agent.Collectors.Sysfs;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Sysfs;

public sealed class HwmonInterpreterTests
{
    [Fact]
    public async Task Interpret_RyzenTree_ChoosesTctlAndSystin()
    {
        var scan = await new HwmonReader(TestPaths.Owned("Sysfs", "ryzen-nct6798")).ReadAsync(CancellationToken.None).WithTimeout();

        var summary = HwmonInterpreter.Interpret(scan.Readings);

        Assert.Equal(45.25, summary.CpuTempCelsius);
        Assert.Equal(33.0, summary.MotherboardTempCelsius);
        Assert.Equal(
            ["Tctl=45.25 cpu k10temp", "Tccd1=44.5 cpu k10temp", "SYSTIN=33 motherboard nct6798", "CPUTIN=45.5 cpu nct6798",
             "PCH_CHIP_TEMP=52 chipset nct6798", "AUXTIN3=30.5 other nct6798", "Composite=38.85 other nvme", "TC0P=41 other applesmc"],
            summary.Temperatures.Select(t => $"{t.Name}={t.ValueCelsius} {t.SensorType} {t.Source}"));
        Assert.Equal(["nct6798 fan2=1204", "Left side=1798"], summary.Fans.Select(fan => $"{fan.Name}={fan.Rpm}"));
        Assert.Equal(2, summary.DroppedReadings);
    }

    [Theory]
    [InlineData(-40_000, true)]
    [InlineData(125_000, true)]
    [InlineData(-40_001, false)]
    [InlineData(125_001, false)]
    [InlineData(-128_000, false)]
    [InlineData(0, true)]
    public void Interpret_Boundaries_DropsReadingsOutsideTheRange(long millidegrees, bool kept)
    {
        var summary = HwmonInterpreter.Interpret([new HwmonReading(HwmonKind.Temperature, "acpitz", "temp1", null, millidegrees)]);

        Assert.Equal(kept ? 1 : 0, summary.Temperatures.Count);
    }

    [Theory]
    [InlineData("coretemp", "Core 0", "cpu")]
    [InlineData("k10temp", null, "cpu")]
    [InlineData("nct6798", "CPUTIN", "cpu")]
    [InlineData("nct6798", "SYSTIN", "motherboard")]
    [InlineData("asus_wmi_sensors", "Motherboard Temperature", "motherboard")]
    [InlineData("it8688", "MB Temperature", "motherboard")]
    [InlineData("nct6798", "PCH_CHIP_TEMP", "chipset")]
    [InlineData("pch_cannonlake", null, "chipset")]
    [InlineData("nvme", "Composite", "other")]
    [InlineData("acpitz", null, "other")]
    public void Classify_ChipAndLabel_GivesSensorType(string chip, string? label, string sensorType)
    {
        Assert.Equal(sensorType, HwmonInterpreter.Classify(chip, label));
    }

    [Fact]
    public void Interpret_CoretempWithTwoPackages_ChoosesTheHotterPackageOverCores()
    {
        HwmonReading[] readings =
        [
            new(HwmonKind.Temperature, "coretemp", "temp2", "Core 0", 70_000),
            new(HwmonKind.Temperature, "coretemp", "temp1", "Package id 0", 50_000),
            new(HwmonKind.Temperature, "coretemp", "temp1", "Package id 1", 55_000),
        ];

        var summary = HwmonInterpreter.Interpret(readings);

        Assert.Equal(55.0, summary.CpuTempCelsius);
    }

    [Fact]
    public void Interpret_TdieAndTctl_PrefersTdie()
    {
        HwmonReading[] readings =
        [
            new(HwmonKind.Temperature, "k10temp", "temp1", "Tctl", 72_000),
            new(HwmonKind.Temperature, "k10temp", "temp2", "Tdie", 52_000),
        ];

        Assert.Equal(52.0, HwmonInterpreter.Interpret(readings).CpuTempCelsius);
    }

    [Fact]
    public void Interpret_NoCpuOrBoardSensor_ReportsZero()
    {
        var summary = HwmonInterpreter.Interpret([new HwmonReading(HwmonKind.Temperature, "nvme", "temp1", "Composite", 40_000)]);

        Assert.Equal(0, summary.CpuTempCelsius);
        Assert.Equal(0, summary.MotherboardTempCelsius);
    }
}
