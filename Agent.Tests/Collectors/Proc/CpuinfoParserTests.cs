using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class CpuinfoParserTests
{
    [Fact]
    public void Parse_CapturedVm_ReadsModelThreadsCoresAndClock()
    {
        var cpu = CpuinfoParser.Parse(ProcFixtures.Vm("cpuinfo"));

        Assert.Equal("AMD EPYC", cpu.Model);
        Assert.Equal(2, cpu.Threads);
        Assert.Equal(2, cpu.PhysicalCores);
        Assert.InRange(cpu.MeanMhz, 2000, 4000);
    }

    [Theory]
    [InlineData("processor : 0\nmodel name : X\nphysical id : 0\ncore id : 0\n\nprocessor : 1\nmodel name : X\nphysical id : 0\ncore id : 0\n", 2, 1)]
    [InlineData("processor : 0\nphysical id : 0\ncore id : 0\n\nprocessor : 1\nphysical id : 1\ncore id : 0\n", 2, 2)]
    [InlineData("processor\t: 0\nprocessor\t: 1\nprocessor\t: 2\n", 3, 3)]
    [InlineData("", 0, 0)]
    public void Parse_Topologies_CountsDistinctPhysicalCores(string text, int threads, int cores)
    {
        var cpu = CpuinfoParser.Parse(text);

        Assert.Equal(threads, cpu.Threads);
        Assert.Equal(cores, cpu.PhysicalCores);
    }

    [Fact]
    public void Parse_ArmWithoutModelName_FallsBackToProcessorLineAndZeroClock()
    {
        const string text = "Processor\t: ARMv7 Processor rev 4 (v7l)\nprocessor\t: 0\nBogoMIPS\t: 38.40\n\nprocessor\t: 1\n"
            + "BogoMIPS\t: 38.40\n\nHardware\t: BCM2835\n";

        var cpu = CpuinfoParser.Parse(text);

        Assert.Equal("ARMv7 Processor rev 4 (v7l)", cpu.Model);
        Assert.Equal(2, cpu.Threads);
        Assert.Equal(0, cpu.MeanMhz);
    }

    [Fact]
    public void Parse_SpacesInsteadOfTabs_ReadsTheSameKeys()
    {
        var cpu = CpuinfoParser.Parse("processor   : 0\nmodel name  : Some CPU\ncpu MHz     : 1200.500\n");

        Assert.Equal("Some CPU", cpu.Model);
        Assert.Equal(1200.5, cpu.MeanMhz, 6);
    }
}
