using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Gpu;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Reads every NVIDIA card with one <c>nvidia-smi -q -x</c> call per poll. When that output is not a report (a
/// driver or wrapper without XML), one <c>--query-gpu</c> CSV call is tried instead; a tool that hangs is killed at its
/// timeout and not asked again in the same poll.
/// </summary>
internal sealed class NvidiaSmiReader(IProcessRunner runner, IOptions<GpuOptions> options) : IGpuVendorReader
{
    private const string ToolName = "nvidia-smi";

    private readonly GpuOptions _options = options.Value;

    public string Vendor => "nvidia";

    public async Task<VendorReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        if (GpuExecutable.Resolve(_options.NvidiaSmi, ToolName) is not { } tool)
        {
            return VendorReadResult.Absent(Vendor, GpuExecutable.AbsentReason(_options.NvidiaSmi, ToolName));
        }

        var xml = await RunAsync(tool, ["-q", "-x"], cancellationToken).ConfigureAwait(false);
        if (xml.Outcome is not ProcessOutcome.Exited)
        {
            return VendorReadResult.Failed(Vendor, $"{ToolName} {xml.Describe()}");
        }

        var fromXml = TryParse(xml, NvidiaXmlParser.Parse, out var xmlError);
        if (fromXml is not null)
        {
            return Result(fromXml);
        }

        var csv = await RunAsync(tool, [$"--query-gpu={NvidiaCsvParser.QueryFields}", "--format=csv"], cancellationToken)
            .ConfigureAwait(false);
        var fromCsv = TryParse(csv, NvidiaCsvParser.Parse, out _);
        return fromCsv is not null ? Result(fromCsv) : VendorReadResult.Failed(Vendor, $"{ToolName} -q -x {xmlError}");
    }

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        runner.RunAsync(new ProcessRequest(tool, arguments, _options.NvidiaTimeout, _options.MaxOutputBytes), cancellationToken);

    private static IReadOnlyList<GpuStatus>? TryParse(
        ProcessResult result,
        Func<string, IReadOnlyList<GpuStatus>> parse,
        out string error)
    {
        if (!result.Succeeded)
        {
            error = result.Describe();
            return null;
        }

        try
        {
            error = "";
            return parse(result.StandardOutput);
        }
        catch (FormatException ex)
        {
            error = $"gave output that does not parse ({ex.Message})";
            return null;
        }
    }

    private VendorReadResult Result(IReadOnlyList<GpuStatus> gpus) =>
        gpus.Count > 0 ? VendorReadResult.Ok(Vendor, gpus) : VendorReadResult.Absent(Vendor, $"{ToolName} reports no GPU");
}
