using Agent.Collectors.Gpu;
using Agent.Collectors.Hosting;
using Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Collectors.Gpu;

public sealed class AmdSysfsReaderTests
{
    [SharedFixturesFact]
    public async Task Read_SharedVega10WithoutHwmon_ReadsBusyAndVram()
    {
        var reader = Reader(TestPaths.Shared("amd", "procfs", "sys"));

        var result = await reader.ReadAsync(CancellationToken.None).WithTimeout();

        var gpu = Assert.Single(result.Gpus);
        Assert.Equal(VendorReadState.Ok, result.State);
        Assert.Equal("amd", gpu.Vendor);
        Assert.True(gpu.Available);
        Assert.Equal("AMD Radeon (1002:687F)", gpu.Name);
        Assert.Equal("0000:09:00.0", gpu.PciId);
        Assert.Equal("0123456789abcdef", gpu.Uuid);
        Assert.Equal(4.0, gpu.UtilizationGpuPercent);
        Assert.Equal(1_490_378_752L, gpu.MemoryUsedBytes);
        Assert.Equal(8_573_157_376L, gpu.MemoryTotalBytes);
        Assert.Equal(0.0, gpu.TemperatureCelsius);
    }

    [Fact]
    public async Task Read_TwoCardsWithOwnHwmon_MatchesEachCardToItsOwnSensors()
    {
        using var folder = new TempFolder();
        var sys = Path.Combine(folder.Path, "sys");
        WriteAmdCard(folder, sys, "card0", "0000:03:00.0", hwmon: "hwmon5", milliCelsius: "61000", microWatts: "45000000", pwm: "102");
        WriteAmdCard(folder, sys, "card1", "0000:0a:00.0", hwmon: "hwmon2", milliCelsius: "38000", microWatts: null, pwm: null);
        folder.Write(Path.Combine(sys, "class", "drm", "card1", "device", "hwmon", "hwmon2", "power1_input"), "12500000\n");
        folder.Write(Path.Combine(sys, "class", "hwmon", "hwmon0", "temp1_input"), "99000\n");
        GpuFixtureTree.AddIntelCard(folder, sys, "card2");

        var result = await Reader(sys).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Ok, result.State);
        Assert.Equal(["0000:03:00.0", "0000:0a:00.0"], result.Gpus.Select(g => g.PciId));
        Assert.Equal([61.0, 38.0], result.Gpus.Select(g => g.TemperatureCelsius));
        Assert.Equal([45.0, 12.5], result.Gpus.Select(g => g.PowerDrawWatts));
        Assert.Equal(40.0, result.Gpus[0].FanSpeedPercent);
        Assert.Equal(0.0, result.Gpus[1].FanSpeedPercent);
        Assert.Equal("Radeon RX 7600", result.Gpus[0].Name);
    }

    [Fact]
    public async Task Read_NoDrmFolder_IsAbsent()
    {
        using var folder = new TempFolder();

        var result = await Reader(folder.Path).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Absent, result.State);
        Assert.Empty(result.Gpus);
    }

    private static AmdSysfsReader Reader(string sys) => new(Options.Create(new SourcePathsOptions { Sys = sys }));

    private static void WriteAmdCard(
        TempFolder folder,
        string sys,
        string card,
        string slot,
        string hwmon,
        string milliCelsius,
        string? microWatts,
        string? pwm)
    {
        var device = Path.Combine(sys, "class", "drm", card, "device");
        folder.Write(Path.Combine(device, "vendor"), "0x1002\n");
        folder.Write(Path.Combine(device, "uevent"), $"DRIVER=amdgpu\nPCI_ID=1002:7480\nPCI_SLOT_NAME={slot}\n");
        folder.Write(Path.Combine(device, "product_name"), card == "card0" ? "Radeon RX 7600\n" : "\n");
        folder.Write(Path.Combine(device, "gpu_busy_percent"), "17\n");
        folder.Write(Path.Combine(device, "mem_info_vram_total"), "8573157376\n");
        folder.Write(Path.Combine(device, "mem_info_vram_used"), "536870912\n");
        var sensors = Path.Combine(device, "hwmon", hwmon);
        folder.Write(Path.Combine(sensors, "name"), "amdgpu\n");
        folder.Write(Path.Combine(sensors, "temp1_input"), milliCelsius + "\n");
        if (microWatts is not null)
        {
            folder.Write(Path.Combine(sensors, "power1_average"), microWatts + "\n");
        }

        if (pwm is not null)
        {
            folder.Write(Path.Combine(sensors, "pwm1"), pwm + "\n");
        }
    }
}
