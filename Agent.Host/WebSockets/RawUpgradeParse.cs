namespace Agent.Host.WebSockets;

/// <summary>What the first bytes of a connection turned out to be.</summary>
internal enum RawUpgradeParse
{
    /// <summary>The raw socket's request so far; its headers have not all arrived.</summary>
    Incomplete,

    /// <summary>Some other request, or the raw socket's in a form the HTTP server should judge.</summary>
    NotRaw,

    /// <summary>A complete, valid upgrade to the raw socket.</summary>
    Parsed,
}
