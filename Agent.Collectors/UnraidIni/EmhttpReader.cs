using Agent.Collectors.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Reads an emhttp file once per attempt, parses it from memory, and retries a few times when it was caught
/// half-written (cut mid-line, changed during the read, or missing the keys its payload needs).
/// </summary>
internal sealed class EmhttpReader(
    IEmhttpFileSystem fileSystem,
    IOptions<SourcePathsOptions> paths,
    IOptions<EmhttpOptions> options,
    TimeProvider time,
    ILogger<EmhttpReader> logger)
{
    private readonly string _folder = paths.Value.Emhttp;
    private readonly EmhttpOptions _options = options.Value;

    /// <summary>The emhttp folder.</summary>
    public string Folder => _folder;

    /// <summary>Whether the emhttp folder exists.</summary>
    public bool FolderExists() => fileSystem.FolderExists(_folder);

    /// <summary>Reads <paramref name="fileName"/>; <paramref name="isComplete"/> says whether a parsed document is whole.</summary>
    public async Task<IniReadResult> ReadAsync(string fileName, Func<IniDocument, bool> isComplete, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_folder, fileName);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await fileSystem.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (snapshot is null)
            {
                return IniReadResult.Missing;
            }

            var document = EmhttpIniParser.Parse(snapshot.Text);
            if (!snapshot.ChangedWhileRead && isComplete(document))
            {
                return new IniReadResult(IniReadStatus.Complete, document);
            }

            UnraidIniLog.FileIncomplete(logger, path, attempt);
            if (attempt > _options.Retries)
            {
                return IniReadResult.Incomplete;
            }

            await Task.Delay(_options.RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
