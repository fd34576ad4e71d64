namespace Agent.Collectors.UnraidIni;

/// <summary>The services every emhttp collector takes, in one injectable bundle.</summary>
internal sealed record EmhttpSources(EmhttpReader Reader, EmhttpWatcher Watcher, EmhttpProblems Problems);
