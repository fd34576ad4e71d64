using System.Collections;
using System.Text.RegularExpressions;

namespace Agent.Host.Configuration;

/// <summary>
/// Reads the plugin's <c>config.cfg</c>: shell-style <c>KEY="value"</c> lines as Unraid's <c>update.php</c> writes them,
/// and the Go agent's environment variables of the same names, into <c>Agent:*</c> configuration keys.
/// </summary>
internal static partial class UnraidConfigFile
{
    /// <summary>Where the plugin keeps its settings on the flash drive.</summary>
    public const string DefaultPath = "/boot/config/plugins/unraid-management-agent/config.cfg";

    /// <summary>Environment variable that names another file.</summary>
    public const string PathVariable = "UMA_CONFIG_FILE";

    /// <summary>Command-line option that names another file; it wins over <see cref="PathVariable"/>.</summary>
    public const string PathOption = "--config-file";

    /// <summary>Parses the text of a <c>config.cfg</c>; <paramref name="source"/> names the file in errors.</summary>
    public static Dictionary<string, string?> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var where = $"{source} line {index + 1}";
            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                var name = NamePattern().Match(line) is { Success: true } named ? named.Value : "";
                var subject = name.Length > 0 ? $"setting {name}" : "line";
                throw new UnraidSettingException(name, $"Invalid {subject} in {where}: expected KEY=\"value\".");
            }

            Add(settings, match.Groups["name"].Value, Unquote(match), where);
        }

        return settings;
    }

    /// <summary>The Go agent's environment variables (<c>PORT</c>, <c>INTERVAL_DOCKER</c>, …) that are set.</summary>
    public static Dictionary<string, string?> FromEnvironment(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in UnraidSetting.All)
        {
            if (variables[setting.Name] is string value)
            {
                Add(settings, setting.Name, value, "environment variable");
            }
        }

        return settings;
    }

    /// <summary>The file named by <paramref name="args"/> or the environment, and whether someone named it.</summary>
    public static (string Path, bool IsExplicit) Locate(string[] args, IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(variables);
        for (var index = args.Length - 1; index >= 0; index--)
        {
            if (args[index] == PathOption && index + 1 < args.Length)
            {
                return (args[index + 1], true);
            }

            if (args[index].StartsWith(PathOption + "=", StringComparison.Ordinal))
            {
                return (args[index][(PathOption.Length + 1)..], true);
            }
        }

        return variables[PathVariable] is string { Length: > 0 } path ? (path, true) : (DefaultPath, false);
    }

    private static void Add(Dictionary<string, string?> settings, string name, string raw, string where)
    {
        if (UnraidSetting.Find(name) is not { } setting)
        {
            return;
        }

        var value = setting.Normalize(raw, out var expected);
        if (value is null)
        {
            throw new UnraidSettingException(
                name,
                $"Invalid setting {name} = {setting.Display(raw)} in {where}: expected {expected} ({setting.Key}).");
        }

        settings[setting.Key] = value;
    }

    private static string Unquote(Match match) =>
        match.Groups["double"].Success ? match.Groups["double"].Value
        : match.Groups["single"].Success ? match.Groups["single"].Value
        : match.Groups["bare"].Value;

    // A value is "double quoted", 'single quoted' or bare, as a shell would source it; nothing may follow it.
    [GeneratedRegex("""^(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?<double>[^"\\`$]*)"|'(?<single>[^']*)'|(?<bare>[^\s"'\\`$;&|<>()]*))$""")]
    private static partial Regex LinePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(?==)")]
    private static partial Regex NamePattern();
}
