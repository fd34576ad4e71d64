namespace Agent.Collectors.Sysfs;

/// <summary>The values of a temperature's <c>sensor_type</c> (PROTOCOL.md §5).</summary>
internal static class SensorTypes
{
    public const string Cpu = "cpu";
    public const string Motherboard = "motherboard";
    public const string Chipset = "chipset";
    public const string Other = "other";
}
