using Agent.Collectors.Hosting;
using Agent.Collectors.UnraidIni;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Collectors.UnraidIni;

public sealed class EmhttpReaderTests
{
    private const string Whole = "mdState=\"STARTED\"\nmdNumDisks=\"5\"";

    [Fact]
    public async Task Read_HalfWrittenThenWhole_RetriesAndReturnsWhole()
    {
        var files = new ScriptedFiles(new FileSnapshot("mdState=\"STAR", false), new FileSnapshot(Whole, false));

        var result = await Reader(files).ReadAsync(EmhttpFiles.Var, ArrayStatusMapper.IsComplete, CancellationToken.None).WithTimeout();

        Assert.Equal(IniReadStatus.Complete, result.Status);
        Assert.Equal("STARTED", result.Document?.Global.GetString("mdState"));
        Assert.Equal(2, files.Reads);
    }

    [Fact]
    public async Task Read_ChangedWhileRead_IsRetried()
    {
        var files = new ScriptedFiles(new FileSnapshot(Whole, true), new FileSnapshot(Whole, false));

        var result = await Reader(files).ReadAsync(EmhttpFiles.Var, ArrayStatusMapper.IsComplete, CancellationToken.None).WithTimeout();

        Assert.Equal(IniReadStatus.Complete, result.Status);
        Assert.Equal(2, files.Reads);
    }

    [Fact]
    public async Task Read_AlwaysHalfWritten_GivesUpAfterTheRetries()
    {
        var files = new ScriptedFiles(new FileSnapshot("mdNumDisks=\"5\"", false));

        var result = await Reader(files).ReadAsync(EmhttpFiles.Var, ArrayStatusMapper.IsComplete, CancellationToken.None).WithTimeout();

        Assert.Equal(IniReadStatus.Incomplete, result.Status);
        Assert.Null(result.Document);
        Assert.Equal(4, files.Reads);
    }

    [Fact]
    public async Task Read_NoFile_IsMissing()
    {
        var result = await Reader(new ScriptedFiles()).ReadAsync(EmhttpFiles.Var, ArrayStatusMapper.IsComplete, CancellationToken.None).WithTimeout();

        Assert.Equal(IniReadStatus.Missing, result.Status);
    }

    private static EmhttpReader Reader(IEmhttpFileSystem files) => new(
        files,
        Options.Create(new SourcePathsOptions { Emhttp = "/emhttp-test" }),
        Options.Create(new EmhttpOptions { RetryDelay = TimeSpan.Zero, Retries = 3 }),
        TimeProvider.System,
        NullLogger<EmhttpReader>.Instance);

    private sealed class ScriptedFiles(params FileSnapshot[] script) : IEmhttpFileSystem
    {
        public int Reads { get; private set; }

        public bool FolderExists(string path) => true;

        public Task<FileSnapshot?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            Assert.Equal("/emhttp-test/var.ini", path);
            if (script.Length == 0)
            {
                return Task.FromResult<FileSnapshot?>(null);
            }

            var next = script[Math.Min(Reads, script.Length - 1)];
            Reads++;
            return Task.FromResult<FileSnapshot?>(next);
        }
    }
}
