using System.Xml;
using System.Xml.Linq;
using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Parses <c>nvidia-smi -q -x</c> (DTD versions v10 to v13) into one <see cref="GpuStatus"/> per <c>&lt;gpu&gt;</c>.
/// Only direct children are read, because MIG devices repeat <c>fb_memory_usage</c> deeper in the tree.
/// </summary>
internal static class NvidiaXmlParser
{
    // v10/v11 keep power under power_readings, v12 under gpu_power_readings; v13 dropped power_draw for the
    // instant and average readings (FORMATS.md §8).
    private static readonly string[] s_powerContainers = ["gpu_power_readings", "power_readings"];
    private static readonly string[] s_powerElements = ["power_draw", "instant_power_draw", "average_power_draw"];

    /// <summary>Parses a report; throws <see cref="FormatException"/> when it is not one.</summary>
    public static IReadOnlyList<GpuStatus> Parse(string xml)
    {
        var root = Load(xml).Root;
        if (root is null || root.Name.LocalName != "nvidia_smi_log")
        {
            throw new FormatException("The output is not an nvidia_smi_log report.");
        }

        var driver = NvidiaValueParser.Text(root.Element("driver_version")?.Value);
        return [.. root.Elements("gpu").Select(gpu => ParseGpu(gpu, driver))];
    }

    private static XDocument Load(string xml)
    {
        // The report names an external DTD that is never shipped with it; it is ignored, never fetched.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The output is not well-formed XML: {ex.Message}", ex);
        }
    }

    private static GpuStatus ParseGpu(XElement gpu, string reportDriver)
    {
        var driver = NvidiaValueParser.Text(gpu.Element("driver_version")?.Value);
        return new GpuStatus
        {
            Vendor = "nvidia",
            Available = true,
            Name = NvidiaValueParser.Text(gpu.Element("product_name")?.Value),
            Uuid = NvidiaValueParser.Text(gpu.Element("uuid")?.Value),
            PciId = PciId(gpu),
            DriverVersion = driver.Length > 0 ? driver : reportDriver,
            TemperatureCelsius = Number(gpu, "temperature", "gpu_temp"),
            UtilizationGpuPercent = Number(gpu, "utilization", "gpu_util"),
            UtilizationMemoryPercent = Number(gpu, "utilization", "memory_util"),
            MemoryTotalBytes = NvidiaValueParser.Bytes(Child(gpu, "fb_memory_usage", "total")) ?? 0,
            MemoryUsedBytes = NvidiaValueParser.Bytes(Child(gpu, "fb_memory_usage", "used")) ?? 0,
            PowerDrawWatts = PowerDraw(gpu),
            FanSpeedPercent = NvidiaValueParser.Number(gpu.Element("fan_speed")?.Value) ?? 0,
        };
    }

    private static string PciId(XElement gpu)
    {
        var id = NvidiaValueParser.Text(Child(gpu, "pci", "pci_bus_id"));
        return id.Length > 0 ? id : NvidiaValueParser.Text(gpu.Attribute("id")?.Value);
    }

    private static double PowerDraw(XElement gpu)
    {
        foreach (var container in s_powerContainers)
        {
            foreach (var element in s_powerElements)
            {
                if (NvidiaValueParser.Number(Child(gpu, container, element)) is { } watts)
                {
                    return watts;
                }
            }
        }

        return 0;
    }

    private static double Number(XElement gpu, string container, string element) =>
        NvidiaValueParser.Number(Child(gpu, container, element)) ?? 0;

    private static string? Child(XElement gpu, string container, string element) =>
        gpu.Element(container)?.Element(element)?.Value;
}
