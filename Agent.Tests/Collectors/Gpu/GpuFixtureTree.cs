using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Gpu;

/// <summary>
/// Builds a sysfs tree for GPU tests in a temp folder: DRM cards written from the documented layout
/// (FORMATS.md §5), and the shared amdgpu capture copied in at run time (never into the repository).
/// </summary>
internal static class GpuFixtureTree
{
    public const string IntelSlot = "0000:00:02.0";
    public const string AmdSlot = "0000:09:00.0";

    /// <summary>An Intel iGPU at card0, with a connector entry beside it that is not a card.</summary>
    public static void AddIntelCard(TempFolder folder, string sys, string card = "card0", string? hwmonMilliCelsius = null)
    {
        var device = Path.Combine(sys, "class", "drm", card, "device");
        folder.Write(Path.Combine(device, "vendor"), "0x8086\n");
        folder.Write(Path.Combine(device, "uevent"), $"DRIVER=i915\nPCI_CLASS=30000\nPCI_ID=8086:4680\nPCI_SLOT_NAME={IntelSlot}\n");
        folder.Write(Path.Combine(sys, "class", "drm", $"{card}-HDMI-A-1", "status"), "disconnected\n");
        if (hwmonMilliCelsius is not null)
        {
            folder.Write(Path.Combine(device, "hwmon", "hwmon3", "temp1_input"), hwmonMilliCelsius + "\n");
        }
    }

    /// <summary>The shared amdgpu capture (no hwmon) as <paramref name="card"/>.</summary>
    public static void AddSharedAmdCard(string sys, string card = "card1")
    {
        var source = TestPaths.Shared("amd", "procfs", "sys", "class", "drm", "card0", "device");
        var target = Path.Combine(sys, "class", "drm", card, "device");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    /// <summary>An NVIDIA card as the kernel lists it under DRM; the Intel and AMD readers must skip it.</summary>
    public static void AddNvidiaDrmCard(TempFolder folder, string sys, string card = "card2")
    {
        var device = Path.Combine(sys, "class", "drm", card, "device");
        folder.Write(Path.Combine(device, "vendor"), "0x10de\n");
        folder.Write(Path.Combine(device, "uevent"), "DRIVER=nvidia\nPCI_ID=10DE:1F02\nPCI_SLOT_NAME=0000:01:00.0\n");
    }
}
