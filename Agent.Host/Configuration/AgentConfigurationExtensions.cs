namespace Agent.Host.Configuration;

internal static class AgentConfigurationExtensions
{
    /// <summary>
    /// Adds the Unraid-specific sources on top of ASP.NET's defaults (appsettings, environment, command line): the Go
    /// agent's environment names, then the plugin's <c>config.cfg</c>. Later sources win (PROTOCOL.md §9).
    /// </summary>
    public static IConfigurationBuilder AddAgentSources(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return configuration.AddUnraidSources(args, Environment.GetEnvironmentVariables());
        }
        catch (UnraidSettingException ex)
        {
            // Program.cs reads configuration before AgentHostRunner's guard exists, so a bad value would otherwise end
            // in an unhandled-exception stack trace; it gets the same one line and exit code as any other bad setting.
            Console.Error.WriteLine(ex.Message);
            Environment.Exit(AgentHostRunner.ExitCodeBadSetting);
            throw;
        }
    }

    /// <summary>
    /// Adds the Go agent's names found in <paramref name="variables"/>, then <c>config.cfg</c> when it exists.
    /// Throws <see cref="UnraidSettingException"/> for a malformed line, a bad value, or a named file that is missing.
    /// </summary>
    public static IConfigurationBuilder AddUnraidSources(
        this IConfigurationBuilder configuration,
        string[] args,
        System.Collections.IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddInMemoryCollection(UnraidConfigFile.FromEnvironment(variables));

        var (path, isExplicit) = UnraidConfigFile.Locate(args, variables);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && !isExplicit)
        {
            return configuration;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UnraidSettingException($"Cannot read the settings file '{path}': {ex.Message}", ex);
        }

        return configuration.AddInMemoryCollection(UnraidConfigFile.Parse(text, path));
    }
}
