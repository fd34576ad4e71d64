using Agent.Collectors.Gpu;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Gpu;

public sealed class NvidiaXmlParserTests
{
    private const long MiB = 1024L * 1024L;

    public static TheoryData<string> XmlFiles() => SharedFiles("nvidia", "xml");

    [SharedFixturesTheory]
    [MemberData(nameof(XmlFiles))]
    public void Parse_EverySharedReport_GivesNamedGpusWithSaneValues(string file)
    {
        var gpus = NvidiaXmlParser.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "xml", file)));

        Assert.NotEmpty(gpus);
        Assert.All(gpus, gpu =>
        {
            Assert.Equal("nvidia", gpu.Vendor);
            Assert.NotEmpty(gpu.Name);
            Assert.StartsWith("GPU-", gpu.Uuid, StringComparison.Ordinal);
            Assert.Matches("^[0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\\.[0-9]$", gpu.PciId);
            Assert.Matches("^[0-9]+\\.[0-9.]+$", gpu.DriverVersion);
            Assert.InRange(gpu.MemoryTotalBytes, 1024 * MiB, 100_000 * MiB);
            Assert.InRange(gpu.MemoryUsedBytes, 0, gpu.MemoryTotalBytes);
            Assert.InRange(gpu.TemperatureCelsius, 0, 100);
            Assert.InRange(gpu.PowerDrawWatts, 0, 700);
            Assert.InRange(gpu.FanSpeedPercent, 0, 100);
        });
    }

    [SharedFixturesFact]
    public void Parse_DualRtx2070V13_GivesBothCardsWithInstantPower()
    {
        var gpus = Parse("dual-rtx-2070_590.44.01_v13.xml");

        Assert.Equal(2, gpus.Count);
        Assert.Equal(["00000000:01:00.0", "00000000:02:00.0"], gpus.Select(g => g.PciId));
        Assert.Equal([9.23, 11.82], gpus.Select(g => g.PowerDrawWatts));
        Assert.Equal([14.0, 13.0], gpus.Select(g => g.TemperatureCelsius));
        Assert.Equal([35.0, 34.0], gpus.Select(g => g.FanSpeedPercent));
        Assert.All(gpus, g => Assert.Equal(8192 * MiB, g.MemoryTotalBytes));
        Assert.All(gpus, g => Assert.Equal(1 * MiB, g.MemoryUsedBytes));
        Assert.All(gpus, g => Assert.Equal("590.44.01", g.DriverVersion));
    }

    [SharedFixturesFact]
    public void Parse_Rtx3080V12_ReadsGpuPowerReadings()
    {
        var gpu = Assert.Single(Parse("rtx-3080_536.40_v12.xml"));

        Assert.Equal("NVIDIA GeForce RTX 3080", gpu.Name);
        Assert.Equal(22.78, gpu.PowerDrawWatts);
        Assert.Equal(10240 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(1128 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(37.0, gpu.UtilizationMemoryPercent);
        Assert.Equal(31.0, gpu.TemperatureCelsius);
        Assert.Equal("00000000:04:00.0", gpu.PciId);
    }

    [SharedFixturesFact]
    public void Parse_Gtx1660TiV10_ReadsOldPowerReadingsAndGenericName()
    {
        var gpu = Assert.Single(Parse("gtx-1660-ti_418.43_v10.xml"));

        Assert.Equal("Graphics Device", gpu.Name);
        Assert.Equal(8.93, gpu.PowerDrawWatts);
        Assert.Equal(5912 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(40.0, gpu.TemperatureCelsius);
        Assert.Equal("418.43", gpu.DriverVersion);
    }

    [SharedFixturesFact]
    public void Parse_A100WithMig_ReadsWholeCardMemoryNotMigSlices()
    {
        var gpu = Assert.Single(Parse("a100-sxm4-80gb_535.54.03_v12.xml"));

        Assert.Equal(81920 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(50 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(67.03, gpu.PowerDrawWatts);
        Assert.Equal(0.0, gpu.UtilizationGpuPercent);
        Assert.Equal(0.0, gpu.FanSpeedPercent);
    }

    [SharedFixturesFact]
    public void Parse_GridVgpuWindows_TurnsNotAvailableIntoZero()
    {
        var gpu = Assert.Single(Parse("grid-p4-1q-vgpu_513.46_v11_windows.xml"));

        Assert.Equal("GRID P4-1Q", gpu.Name);
        Assert.Equal(0.0, gpu.PowerDrawWatts);
        Assert.Equal(0.0, gpu.FanSpeedPercent);
        Assert.Equal(1024 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(807 * MiB, gpu.MemoryUsedBytes);
    }

    [SharedFixturesFact]
    public void Parse_Rtx3090V13_PrefersInstantOverAveragePower()
    {
        var gpu = Assert.Single(Parse("rtx-3090_590.44.01_v13.xml"));

        Assert.Equal(35.15, gpu.PowerDrawWatts);
        Assert.Equal(24576 * MiB, gpu.MemoryTotalBytes);
    }

    [Fact]
    public void Parse_PaddedValuesAndPerGpuDriver_TrimsAndPrefersGpuDriver()
    {
        const string Xml = """
            <?xml version="1.0" ?>
            <!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">
            <nvidia_smi_log>
              <driver_version>550.1</driver_version>
              <gpu id="00000000:03:00.0">
                <product_name> Tesla P4 </product_name>
                <driver_version>550.2</driver_version>
                <fan_speed> 40 % </fan_speed>
                <temperature><gpu_temp> 41 C </gpu_temp></temperature>
              </gpu>
            </nvidia_smi_log>
            """;

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("Tesla P4", gpu.Name);
        Assert.Equal("550.2", gpu.DriverVersion);
        Assert.Equal(40.0, gpu.FanSpeedPercent);
        Assert.Equal(41.0, gpu.TemperatureCelsius);
        Assert.Equal("00000000:03:00.0", gpu.PciId);
    }

    [Fact]
    public void Parse_InternalEntity_IsNotExpanded()
    {
        const string Xml = """
            <?xml version="1.0" ?>
            <!DOCTYPE nvidia_smi_log [<!ENTITY name "expanded">]>
            <nvidia_smi_log><gpu id="0"><product_name>&name;</product_name></gpu></nvidia_smi_log>
            """;

        Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(Xml));
    }

    [Fact]
    public void Parse_ReferencesCdataAndComments_DecodesTheTextAsXmlDoes()
    {
        const string Xml = "<nvidia_smi_log><gpu id=\"0\"><product_name>Tesla &amp; Co &#65;&#x42; <![CDATA[<x>]]><!-- note --> end"
            + "</product_name></gpu></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("Tesla & Co AB <x> end", gpu.Name);
    }

    [Fact]
    public void Parse_LineEnds_AreNormalizedButCharacterReferencesKept()
    {
        const string Xml = "<nvidia_smi_log><gpu><product_name>crlf\r\nname\rend</product_name><uuid>a&#13;b&#x9;</uuid></gpu>"
            + "</nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("crlf\nname\nend", gpu.Name);
        Assert.Equal("a\rb", gpu.Uuid);
    }

    [Fact]
    public void Parse_ValueWithChildElements_ReadsAllItsText()
    {
        const string Xml = "<nvidia_smi_log><gpu><fan_speed>4<unit>0</unit> %</fan_speed></gpu></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal(40.0, gpu.FanSpeedPercent);
    }

    [Fact]
    public void Parse_RepeatedElements_ReadsOnlyTheFirstOfEach()
    {
        const string Xml = "<nvidia_smi_log><gpu id=\"00000000:0B:00.0\"><fan_speed>N/A</fan_speed><fan_speed>50 %</fan_speed><pci></pci>"
            + "<pci><pci_bus_id>00000000:02:00.0</pci_bus_id></pci></gpu></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal(0.0, gpu.FanSpeedPercent);
        Assert.Equal("00000000:0B:00.0", gpu.PciId);
    }

    [Fact]
    public void Parse_ReportDriverAfterTheGpus_IsStillTheFallback()
    {
        const string Xml = "<nvidia_smi_log><gpu><product_name>A</product_name></gpu><driver_version>551.1</driver_version>"
            + "<driver_version>999</driver_version></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("551.1", gpu.DriverVersion);
    }

    [Fact]
    public void Parse_ElementsInANamespace_AreNotTheReportsOwn()
    {
        const string Xml = "<nvidia_smi_log xmlns:n=\"urn:x\"><gpu><n:product_name>Hidden</n:product_name>"
            + "<product_name xmlns=\"urn:y\">Hidden too</product_name></gpu><n:gpu/></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("", gpu.Name);
    }

    [Fact]
    public void Parse_PowerInBothContainers_PrefersGpuPowerReadingsThenInstantOverAverage()
    {
        const string Xml = "<nvidia_smi_log><gpu><power_readings><power_draw>9 W</power_draw></power_readings><gpu_power_readings>"
            + "<average_power_draw>12.5 W</average_power_draw><instant_power_draw>13.5 W</instant_power_draw></gpu_power_readings>"
            + "</gpu></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal(13.5, gpu.PowerDrawWatts);
    }

    [Theory]
    [InlineData("<nvidia_smi_log><gpu/></nvidia_smi_log><nvidia_smi_log/>")]
    [InlineData("<nvidia_smi_log><gpu><product_name>A</gpu></product_name></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu><product_name>&nbsp;</product_name></gpu></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu><product_name>&#0;</product_name></gpu></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu><product_name>bad ]]> text</product_name></gpu></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu id=0/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu id=\"0\" id=\"1\"/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu a=\"<\"/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><!-- a -- b --><gpu/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu><product_name>x<![CDATA[y</product_name></gpu></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><p:gpu/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><?xml version=\"1.0\"?><gpu/></nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu/></nvidia_smi_log><!DOCTYPE nvidia_smi_log>")]
    [InlineData("<nvidia_smi_log><gpu/></nvidia_smi_log> trailing")]
    [InlineData("<?xml version=\"1.0\" <gpu/>?><nvidia_smi_log/>")]
    [InlineData("<!DOCTYPE nvidia_smi_log SYSTE \"x.dtd\"><nvidia_smi_log/>")]
    [InlineData("<other_root><gpu></other_root>")]
    public void Parse_MalformedXml_SaysItIsNotWellFormed(string text)
    {
        var error = Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(text));

        Assert.StartsWith("The output is not well-formed XML: ", error.Message, StringComparison.Ordinal);
        Assert.Matches("Line [0-9]+, position [0-9]+\\.$", error.Message);
    }

    [Theory]
    [InlineData("Ｇｅ中é GPU")]
    [InlineData("\uFFFD \uE000 \u0080 \u00FF \u0100 \u7FFF \u8000")]
    public void Parse_NonAsciiTextAmongLongSkippedParts_IsReadAsWritten(string name)
    {
        // Whole 64-character blocks of plain ASCII around the name, so the vector path and its fallback both run.
        var padding = PlainElements();
        var text = $"<nvidia_smi_log><gpu id=\"0\">{padding}<product_name>{name}</product_name>{padding}"
            + $"<skipped>{name}</skipped></gpu></nvidia_smi_log>";

        var gpu = Assert.Single(NvidiaXmlParser.Parse(text));

        Assert.Equal(name, gpu.Name);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x1F)]
    [InlineData(0xD800)]
    [InlineData(0xFFFF)]
    public void Parse_ForbiddenCharacterDeepInSkippedPart_IsNotWellFormed(int character)
    {
        var padding = PlainElements();
        var text = $"<nvidia_smi_log><gpu>{padding}<skipped>a{(char)character}b</skipped>{padding}</gpu></nvidia_smi_log>";

        var error = Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(text));

        Assert.StartsWith("The output is not well-formed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x01, 40)]
    [InlineData(0xD800, 40)]
    [InlineData(0xFFFE, 40)]
    [InlineData(0xFEFF, 0)]
    public void Parse_CharacterXmlDoesNotAllowThere_IsNotWellFormed(int character, int at)
    {
        var text = "<nvidia_smi_log><gpu><product_name>bad char</product_name></gpu></nvidia_smi_log>".Insert(at, ((char)character).ToString());

        var error = Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(text));

        Assert.StartsWith("The output is not well-formed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")]
    [InlineData("<other_root/>")]
    [InlineData("<nvidia_smi_log><gpu>")]
    public void Parse_NotAReport_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(text));
    }

    // Forty plain elements, about two kilobytes: many whole blocks of ASCII for the scanner's vector path.
    private static string PlainElements() =>
        string.Concat(Enumerable.Range(0, 40).Select(i => $"<clock_{i}>{i} MHz</clock_{i}>\n"));

    internal static TheoryData<string> SharedFiles(params string[] folder)
    {
        var data = new TheoryData<string>();
        var path = TestPaths.Shared(folder);
        IEnumerable<string> files = Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : [];
        foreach (var file in files)
        {
            data.Add(Path.GetFileName(file));
        }

        // A theory without rows fails instead of skipping; the attribute skips it when the corpus is absent.
        if (data.Count == 0)
        {
            data.Add("absent");
        }

        return data;
    }

    private static IReadOnlyList<Agent.Contracts.Dtos.Gpu.GpuStatus> Parse(string file) =>
        NvidiaXmlParser.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "xml", file)));
}
