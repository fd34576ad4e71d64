namespace Agent.Collectors.Sysfs;

/// <summary>The hwmon attributes the system snapshot reads.</summary>
internal enum HwmonKind
{
    /// <summary><c>temp&lt;i&gt;_input</c>, millidegrees Celsius.</summary>
    Temperature,

    /// <summary><c>fan&lt;i&gt;_input</c>, revolutions per minute.</summary>
    Fan,
}
