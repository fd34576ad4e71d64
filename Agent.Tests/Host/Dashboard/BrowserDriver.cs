using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Dashboard;

/// <summary>
/// Debian's Chromium, driven by playwright-core in a Node process (<c>Agent.Tests/Node/dashboard/browser-driver.mjs</c>)
/// that takes one JSON command a line. The process is ended by its id when the driver is disposed.
/// </summary>
public sealed class BrowserDriver : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _sequence;

    private BrowserDriver(Process process)
    {
        _process = process;
    }

    /// <summary>Starts Node and Chromium.</summary>
    public static async Task<BrowserDriver> StartAsync()
    {
        var nodeFolder = Path.Combine(TestPaths.RepositoryRoot, "Agent.Tests", "Node");
        if (!Directory.Exists(Path.Combine(nodeFolder, "node_modules", "playwright-core")))
        {
            throw new InvalidOperationException("playwright-core is not installed; run build/deps/npm.sh (build/test.sh does).");
        }

        var start = new ProcessStartInfo("node", Path.Combine("dashboard", "browser-driver.mjs"))
        {
            WorkingDirectory = nodeFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var driver = new BrowserDriver(process);
        await driver.SendAsync(new JsonObject { ["command"] = "launch", ["executablePath"] = ChromiumPath }).ConfigureAwait(false);
        return driver;
    }

    /// <summary>Opens <paramref name="uri"/> in a fresh browser context named <paramref name="id"/>.</summary>
    public Task OpenAsync(string id, Uri uri, int width, int height, string colorScheme = "light") =>
        SendAsync(new JsonObject
        {
            ["command"] = "open",
            ["id"] = id,
            ["url"] = uri.ToString(),
            ["width"] = width,
            ["height"] = height,
            ["colorScheme"] = colorScheme,
        });

    /// <summary>
    /// Waits until the text of the first element matching <paramref name="selector"/> contains every one of
    /// <paramref name="includes"/>, and returns how long that took; fails with the text it last saw.
    /// </summary>
    public async Task<TimeSpan> WaitForTextAsync(string id, string selector, TimeSpan timeout, params string[] includes)
    {
        var answer = await SendAsync(
            new JsonObject
            {
                ["command"] = "waitText",
                ["id"] = id,
                ["selector"] = selector,
                ["includes"] = new JsonArray([.. includes.Select(i => JsonValue.Create(i))]),
                ["timeoutMs"] = (int)timeout.TotalMilliseconds,
            },
            timeout + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds(answer.GetProperty("elapsedMs").GetDouble());
    }

    /// <summary>The text of the first element matching <paramref name="selector"/>, or null when there is none.</summary>
    public async Task<string?> TextAsync(string id, string selector)
    {
        var answer = await SendAsync(new JsonObject { ["command"] = "text", ["id"] = id, ["selector"] = selector })
            .ConfigureAwait(false);
        return answer.GetProperty("text").GetString();
    }

    /// <summary>Clicks the first element matching <paramref name="selector"/>.</summary>
    public Task ClickAsync(string id, string selector) =>
        SendAsync(new JsonObject { ["command"] = "click", ["id"] = id, ["selector"] = selector });

    /// <summary>Evaluates a JavaScript expression in the page and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string id, string expression)
    {
        var answer = await SendAsync(new JsonObject { ["command"] = "evaluate", ["id"] = id, ["expression"] = expression })
            .ConfigureAwait(false);
        return answer.GetProperty("value").Clone();
    }

    /// <summary>Uncaught exceptions and console errors the page produced so far.</summary>
    public async Task<IReadOnlyList<string>> ErrorsAsync(string id)
    {
        var answer = await SendAsync(new JsonObject { ["command"] = "errors", ["id"] = id }).ConfigureAwait(false);
        return [.. answer.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "")];
    }

    /// <summary>Saves a full-page screenshot to <paramref name="path"/>.</summary>
    public Task ScreenshotAsync(string id, string path) =>
        SendAsync(new JsonObject { ["command"] = "screenshot", ["id"] = id, ["path"] = path });

    /// <summary>Closes the browser context named <paramref name="id"/>.</summary>
    public Task CloseAsync(string id) => SendAsync(new JsonObject { ["command"] = "close", ["id"] = id });

    /// <summary>Closes Chromium and ends Node, by the process id if it does not end by itself.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync(new JsonObject { ["command"] = "quit" }).ConfigureAwait(false);
            await _process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
        {
            // The driver is stuck or already gone; ending its process tree below is the remedy either way.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _gate.Dispose();
        }
    }

    private async Task<JsonElement> SendAsync(JsonObject command, TimeSpan? timeout = null)
    {
        await _gate.WaitAsync().WithTimeout().ConfigureAwait(false);
        try
        {
            var sequence = ++_sequence;
            command["seq"] = sequence;
            await _process.StandardInput.WriteLineAsync(command.ToJsonString()).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);

            var line = await _process.StandardOutput.ReadLineAsync().WithTimeout(timeout).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The browser driver ended.");
            var answer = JsonDocument.Parse(line).RootElement.Clone();
            if (answer.GetProperty("seq").GetInt32() != sequence || !answer.GetProperty("ok").GetBoolean())
            {
                var error = answer.TryGetProperty("error", out var text) ? text.GetString() : line;
                throw new InvalidOperationException($"Browser command '{command["command"]}' failed: {error}");
            }

            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }
}
