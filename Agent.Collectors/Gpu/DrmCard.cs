namespace Agent.Collectors.Gpu;

/// <summary>One <c>/sys/class/drm/cardN</c> with its PCI identity, read from <c>device/</c>.</summary>
/// <param name="Name">The card folder, e.g. <c>card0</c>.</param>
/// <param name="DevicePath">The card's <c>device</c> folder.</param>
/// <param name="VendorId">PCI vendor, lower case without prefix, e.g. <c>1002</c>.</param>
/// <param name="PciId">Vendor and device, e.g. <c>1002:687F</c>, from <c>uevent</c>.</param>
/// <param name="PciSlot">Bus address, e.g. <c>0000:09:00.0</c>, from <c>uevent</c>.</param>
/// <param name="Driver">Kernel driver from <c>uevent</c>, e.g. <c>amdgpu</c> or <c>i915</c>.</param>
internal sealed record DrmCard(string Name, string DevicePath, string VendorId, string PciId, string PciSlot, string Driver);
