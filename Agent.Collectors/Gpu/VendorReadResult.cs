using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// The GPUs one vendor reader saw in one poll. <see cref="Gpus"/> carry no index or timestamp yet; a failed card whose
/// identity is known (from sysfs) is in the list with <c>Available = false</c>.
/// </summary>
internal sealed record VendorReadResult(string Vendor, VendorReadState State, IReadOnlyList<GpuStatus> Gpus, string Reason)
{
    public static VendorReadResult Absent(string vendor, string reason) => new(vendor, VendorReadState.Absent, [], reason);

    public static VendorReadResult Failed(string vendor, string reason, IReadOnlyList<GpuStatus>? gpus = null) =>
        new(vendor, VendorReadState.Failed, gpus ?? [], reason);

    public static VendorReadResult Ok(string vendor, IReadOnlyList<GpuStatus> gpus) => new(vendor, VendorReadState.Ok, gpus, "");
}
