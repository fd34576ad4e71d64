namespace Agent.Collectors.Ups;

/// <summary>What <c>upsd</c> gave for one UPS: its variables, or the <c>ERR</c> code it answered instead.</summary>
internal sealed record NutUpsVariables(string Name, IReadOnlyDictionary<string, string>? Variables, string Error);
