namespace Agent.Host.WebSockets;

/// <summary>What the first bytes of a connection turned out to be.</summary>
internal enum UpgradeParse
{
    /// <summary>An upgrade's request so far, to the raw socket or the hub; its headers have not all arrived.</summary>
    Incomplete,

    /// <summary>Some other request, or an upgrade in a form the HTTP server should judge.</summary>
    NotTaken,

    /// <summary>A complete, valid upgrade to the raw socket or the hub.</summary>
    Parsed,
}
