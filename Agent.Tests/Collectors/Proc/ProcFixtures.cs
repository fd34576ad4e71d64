using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Proc;

/// <summary>Paths and text of the proc fixtures this project owns.</summary>
internal static class ProcFixtures
{
    /// <summary>The root of the captured 2-vCPU EPYC virtual machine.</summary>
    public static string VmRoot => TestPaths.Owned("Proc", "vm-epyc-2cpu");

    /// <summary>The text of a file under <see cref="VmRoot"/>.</summary>
    public static string Vm(string relative) => File.ReadAllText(Path.Combine(VmRoot, relative));
}
