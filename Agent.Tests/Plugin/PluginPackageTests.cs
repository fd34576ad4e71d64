using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Agent.Tests.Support;

namespace Agent.Tests.Plugin;

[Collection(PackageCollection.Name)]
public sealed partial class PluginPackageTests(PackageBuild build)
{
    private const string PluginFolder = "./usr/local/emhttp/plugins/unraid-management-agent/";

    [Fact]
    public void Plg_Parsed_IsWellFormedWithEntitiesResolved()
    {
        var plugin = PluginDocument.Load(build.PluginFile);
        var text = plugin.Root.ToString();

        Assert.Equal("PLUGIN", plugin.Root.Name.LocalName);
        Assert.Equal("unraid-management-agent", plugin.Root.Attribute("name")?.Value);
        Assert.Matches(DateVersion(), plugin.Root.Attribute("version")?.Value ?? "");
        Assert.Equal("6.12.0", plugin.Root.Attribute("min")?.Value);
        Assert.DoesNotContain("@VERSION@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@MD5@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@SHA256@", text, StringComparison.Ordinal);
        Assert.Contains(plugin.Root.Attribute("version")!.Value, plugin.Root.Element("CHANGES")?.Value, StringComparison.Ordinal);
        Assert.Single(plugin.RemoveScripts);
        Assert.Equal(2, plugin.InstallScripts.Count);
    }

    [Fact]
    public async Task Plg_PackageEntry_NamesThePackageWithItsChecksums()
    {
        var plugin = PluginDocument.Load(build.PluginFile);
        var version = plugin.Root.Attribute("version")!.Value;
        var package = Path.GetFileName(build.PackageFile);
        var bytes = await File.ReadAllBytesAsync(build.PackageFile);

        var entry = Assert.Single(plugin.Files, file => file.Element("URL") is not null);

        Assert.Equal($"unraid-management-agent-{version}.txz", package);
        Assert.Equal($"/boot/config/plugins/unraid-management-agent/{package}", entry.Attribute("Name")?.Value);
        Assert.Equal(
            $"https://github.com/OWNER/unraid-management-agent/releases/download/{version}/{package}",
            entry.Element("URL")?.Value);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), entry.Element("MD5")?.Value);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Element("SHA256")?.Value);
        Assert.Equal("upgradepkg --install-new", entry.Attribute("Run")?.Value);
    }

    [Fact]
    public async Task Package_Listing_HoldsThePluginFilesUnderThePluginFolder()
    {
        var run = await ScriptRun.RunAsync("tar", ["-tJf", build.PackageFile]);
        var entries = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, run.ExitCode);
        Assert.All(
            entries,
            entry => Assert.True(
                PluginFolder.StartsWith(entry, StringComparison.Ordinal) || entry.StartsWith(PluginFolder, StringComparison.Ordinal)
                    || entry.StartsWith("./install/", StringComparison.Ordinal),
                $"'{entry}' is outside the plugin folder."));
        foreach (var expected in new[]
        {
            "unraid-management-agent", "wwwroot/index.html", "appsettings.json", "default.cfg", "ManagementAgent.page",
            "scripts/rc.unraid-management-agent", "scripts/apply", "scripts/check-config", "event/started",
            "event/stopping_svcs",
        })
        {
            Assert.Contains(PluginFolder + expected, entries);
        }
    }

    [Fact]
    public async Task Plg_InlineScripts_PassShellcheck()
    {
        using var folder = new TempFolder();
        var plugin = PluginDocument.Load(build.PluginFile);
        var scripts = plugin.InstallScripts.Concat(plugin.RemoveScripts).Select((script, index) =>
            folder.Write($"inline-{index}.sh", "#!/bin/bash\n" + script)).ToList();

        var run = await ScriptRun.RunAsync("shellcheck", ["-s", "bash", .. scripts]);

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2}[a-z]?$")]
    private static partial Regex DateVersion();
}
