namespace Agent.Host.Configuration;

/// <summary>What a <c>config.cfg</c> value must look like.</summary>
internal enum UnraidSettingKind
{
    Port,
    Address,
    Count,
    Secret,
    Flag,
    Interval,
}
