using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

/// <summary>
/// Builds and starts the host, turns a bad setting into one readable line and a non-zero exit code, and exits non-zero
/// when a background service's failure stopped the host.
/// </summary>
internal static class AgentHostRunner
{
    public const int ExitCodeBadSetting = 2;

    /// <summary>The listener could not bind its address (the port is taken, or the address is not this machine's).</summary>
    public const int ExitCodeCannotListen = 3;

    /// <summary>A background service failed and stopped the host: a supervisor must see a failure, not a clean stop.</summary>
    public const int ExitCodeServiceFailed = 4;

    public static async Task<int> RunAsync(WebApplicationBuilder builder, Action<WebApplication> configure)
    {
        WebApplication? app = null;
        try
        {
            app = builder.Build();
            configure(app);

            // Validate every option before the host starts, so a bad value is one line, not a logged stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (SettingError.Describe(ex, builder.Configuration) is { } line)
        {
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            return ExitCodeBadSetting;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException
            || ex.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Cannot start: {ex.Message}").ConfigureAwait(false);
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            return ExitCodeCannotListen;
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        var failed = app.Services.GetServices<IHostedService>()
            .OfType<BackgroundService>()
            .Any(s => s.ExecuteTask is { IsFaulted: true });
        await app.DisposeAsync().ConfigureAwait(false);
        return failed ? ExitCodeServiceFailed : 0;
    }
}
