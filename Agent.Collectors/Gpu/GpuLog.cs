using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Gpu;

internal static partial class GpuLog
{
    [LoggerMessage(EventId = 2250, EventName = "GpuVendorFound", Level = LogLevel.Information,
        Message = "GPU vendor '{Vendor}' reports {Count} GPU(s).")]
    public static partial void VendorFound(ILogger logger, string vendor, int count);

    [LoggerMessage(EventId = 2251, EventName = "GpuVendorAbsent", Level = LogLevel.Information,
        Message = "GPU vendor '{Vendor}' is not present: {Reason}.")]
    public static partial void VendorAbsent(ILogger logger, string vendor, string reason);

    [LoggerMessage(EventId = 2252, EventName = "GpuVendorFailed", Level = LogLevel.Warning,
        Message = "GPU vendor '{Vendor}' could not be read: {Reason}.")]
    public static partial void VendorFailed(ILogger logger, string vendor, string reason);

    [LoggerMessage(EventId = 2253, EventName = "GpuReaderCrashed", Level = LogLevel.Error,
        Message = "GPU reader for '{Vendor}' threw; the other vendors are still read.")]
    public static partial void ReaderCrashed(ILogger logger, string vendor, Exception exception);

    [LoggerMessage(EventId = 2254, EventName = "GpuSamplesSkipped", Level = LogLevel.Debug,
        Message = "GPU vendor '{Vendor}' output held {Count} object(s) that did not parse.")]
    public static partial void SamplesSkipped(ILogger logger, string vendor, int count);
}
