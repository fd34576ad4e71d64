namespace Agent.Host.Configuration;

internal static class AgentConfigurationExtensions
{
    /// <summary>
    /// Adds the Unraid-specific sources on top of ASP.NET's defaults (appsettings, environment, command line).
    /// </summary>
    public static IConfigurationBuilder AddAgentSources(this IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return configuration;
    }
}
