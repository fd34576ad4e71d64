using System.Xml;
using System.Xml.Linq;

namespace Agent.Tests.Plugin;

/// <summary>A <c>.plg</c> parsed the way Unraid's plugin manager reads it: internal DTD entities expanded.</summary>
public sealed class PluginDocument
{
    private PluginDocument(XElement root)
    {
        Root = root;
    }

    /// <summary>The <c>PLUGIN</c> element.</summary>
    public XElement Root { get; }

    /// <summary>The <c>FILE</c> elements in document order.</summary>
    public IReadOnlyList<XElement> Files => [.. Root.Elements("FILE")];

    /// <summary>The inline scripts run on install (no <c>Method</c>, or <c>install</c>), in order.</summary>
    public IReadOnlyList<string> InstallScripts => Scripts(method => method is null or "install");

    /// <summary>The inline scripts run on removal.</summary>
    public IReadOnlyList<string> RemoveScripts => Scripts(method => method == "remove");

    /// <summary>Parses <paramref name="path"/>; throws <see cref="XmlException"/> when it is not well-formed.</summary>
    public static PluginDocument Load(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        return new PluginDocument(XDocument.Load(reader).Root!);
    }

    private List<string> Scripts(Func<string?, bool> method) =>
        [.. Files
            .Where(file => file.Attribute("Run")?.Value == "/bin/bash" && method(file.Attribute("Method")?.Value))
            .Select(file => file.Element("INLINE")?.Value ?? "")];
}
