using Agent.Collectors.Gpu;
using Agent.Contracts.Dtos.Gpu;

namespace Agent.Tests.Collectors.Gpu;

public sealed class GpuInventoryTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    [Fact]
    public void Update_VendorFailsAfterBeingSeen_KeepsIndicesAndMarksItsGpusUnavailable()
    {
        var inventory = new GpuInventory();
        inventory.Update([Nvidia("0000:01:00.0", "0000:02:00.0"), Amd("0000:09:00.0")], s_now);

        var gpus = inventory.Update([VendorReadResult.Failed("nvidia", "killed"), Amd("0000:09:00.0")], s_now.AddMinutes(1));

        Assert.Equal([0, 1, 2], gpus.Select(g => g.Index));
        Assert.Equal([false, false, true], gpus.Select(g => g.Available));
        Assert.Equal("0000:02:00.0", gpus[1].PciId);
        Assert.Equal(0.0, gpus[1].PowerDrawWatts);
        Assert.All(gpus, g => Assert.Equal(s_now.AddMinutes(1), g.Timestamp));
    }

    [Fact]
    public void Update_VendorAppearsLater_IsAppendedAfterTheKnownGpus()
    {
        var inventory = new GpuInventory();
        inventory.Update([VendorReadResult.Failed("nvidia", "killed"), Amd("0000:09:00.0")], s_now);

        var gpus = inventory.Update([Nvidia("0000:01:00.0"), Amd("0000:09:00.0")], s_now);

        Assert.Equal(["amd", "nvidia"], gpus.Select(g => g.Vendor));
        Assert.Equal([0, 1], gpus.Select(g => g.Index));
    }

    [Fact]
    public void Update_RepeatedUuidWithoutPciAddress_KeepsBothCards()
    {
        var twin = new GpuStatus { Vendor = "nvidia", Available = true, Uuid = "GPU-1" };

        var gpus = new GpuInventory().Update([VendorReadResult.Ok("nvidia", [twin, twin])], s_now);

        Assert.Equal([0, 1], gpus.Select(g => g.Index));
    }

    private static VendorReadResult Nvidia(params string[] slots) =>
        VendorReadResult.Ok("nvidia", [.. slots.Select(s => new GpuStatus { Vendor = "nvidia", Available = true, PciId = s, PowerDrawWatts = 10 })]);

    private static VendorReadResult Amd(string slot) =>
        VendorReadResult.Ok("amd", [new GpuStatus { Vendor = "amd", Available = true, PciId = slot }]);
}
