namespace Agent.Collectors.Gpu;

/// <summary>Reads the GPUs of one vendor once. Expected failures are results; only cancellation throws.</summary>
internal interface IGpuVendorReader
{
    /// <summary><c>nvidia</c>, <c>intel</c> or <c>amd</c>.</summary>
    string Vendor { get; }

    /// <summary>Reads every GPU of the vendor.</summary>
    Task<VendorReadResult> ReadAsync(CancellationToken cancellationToken);
}
