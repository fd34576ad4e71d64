using Agent.Collectors.Sysfs;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Sysfs;

public sealed class HwmonReaderTests
{
    private static string RyzenRoot => TestPaths.Owned("Sysfs", "ryzen-nct6798");

    [Fact]
    public async Task Read_RyzenTree_ReadsEveryChipInKernelOrder()
    {
        var scan = await new HwmonReader(RyzenRoot).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.True(scan.IsPresent);
        Assert.Equal(
            ["k10temp temp1", "k10temp temp3", "nct6798 temp1", "nct6798 temp2", "nct6798 temp3", "nct6798 temp7", "nct6798 temp10",
             "nct6798 fan1", "nct6798 fan2", "nvme temp1", "applesmc temp1", "applesmc fan1"],
            scan.Readings.Select(reading => $"{reading.Chip} {reading.Input}"));
    }

    [Fact]
    public async Task Read_EmptyInputFile_CountsItUnreadableAndKeepsTheRest()
    {
        var scan = await new HwmonReader(RyzenRoot).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(1, scan.UnreadableInputs);
        Assert.DoesNotContain(scan.Readings, reading => reading.Input == "temp8");
    }

    [Fact]
    public async Task Read_OldLayout_ReadsAttributesAndNameFromDevice()
    {
        var scan = await new HwmonReader(RyzenRoot).ReadAsync(CancellationToken.None).WithTimeout();

        var fan = Assert.Single(scan.Readings, reading => reading.Chip == "applesmc" && reading.Kind == HwmonKind.Fan);
        Assert.Equal("Left side", fan.Label);
        Assert.Equal(1798, fan.RawValue);
    }

    [Fact]
    public async Task Read_NoHwmonFolder_ReportsAbsent()
    {
        using var folder = new TempFolder();

        var scan = await new HwmonReader(folder.Path).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.False(scan.IsPresent);
        Assert.Empty(scan.Readings);
    }

    [Fact]
    public async Task Read_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new HwmonReader(RyzenRoot).ReadAsync(cancelled.Token));
    }
}
