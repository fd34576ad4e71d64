using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Security;

public sealed class TlsTests
{
    private static readonly TimeSpan s_exitLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Https_PemPair_ServesTheCertificate()
    {
        using var folder = new TempFolder();
        using var certificate = TestCertificates.SelfSigned();
        var (certPath, keyPath) = TestCertificates.WritePair(folder, certificate, certificate.GetRSAPrivateKey()!);
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Tls:CertificatePath"] = certPath,
            ["Agent:Tls:KeyPath"] = keyPath,
        });
        string? seen = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            seen = cert?.GetCertHashString();
            return seen == certificate.GetCertHashString();
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync("api/v1/health").WithTimeout();

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.GetCertHashString(), seen);
    }

    [Theory]
    [InlineData("mismatched")]
    [InlineData("missing-key")]
    [InlineData("garbage")]
    [InlineData("cert-only")]
    public async Task Host_BadPair_ExitsNonZeroWithOneLineNamingTls(string kind)
    {
        using var folder = new TempFolder();
        using var certificate = TestCertificates.SelfSigned();
        using var otherKey = RSA.Create(2048);
        var (certPath, keyPath) = TestCertificates.WritePair(folder, certificate, kind == "mismatched" ? otherKey : certificate.GetRSAPrivateKey()!);
        var arguments = kind switch
        {
            "missing-key" => new[] { $"--Agent:Tls:CertificatePath={certPath}", $"--Agent:Tls:KeyPath={folder.Path}/none.key" },
            "garbage" => [$"--Agent:Tls:CertificatePath={folder.Write("garbage.pem", "not a certificate")}", $"--Agent:Tls:KeyPath={keyPath}"],
            "cert-only" => [$"--Agent:Tls:CertificatePath={certPath}"],
            _ => [$"--Agent:Tls:CertificatePath={certPath}", $"--Agent:Tls:KeyPath={keyPath}"],
        };

        var (exitCode, stderr) = await RunHostAsync(folder, arguments);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines);
        Assert.Contains("Agent:Tls", line, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunHostAsync(TempFolder folder, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "unraid-management-agent.dll"));
        start.ArgumentList.Add("--Agent:BindAddress=127.0.0.1");
        start.ArgumentList.Add("--Agent:Port=0");
        start.ArgumentList.Add($"--Agent:Log:Path={Path.Combine(folder.Path, "agent.log")}");
        start.ArgumentList.Add("--Agent:Ups:Backend=none");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WithTimeout(s_exitLimit);
            await Task.WhenAll(stderr, stdout).WithTimeout();
            return (process.ExitCode, await stderr);
        }
        finally
        {
            // Ends only the process this test started, by its own handle, if it outlived the limit.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
