namespace Agent.Collectors.Sysfs;

/// <summary>One raw hwmon value as the kernel gives it (see <c>Documentation/hwmon/sysfs-interface.rst</c>).</summary>
/// <param name="Chip">
/// The chip's <c>name</c> file (<c>coretemp</c>, <c>k10temp</c>, <c>nct6779</c>), or the hwmon folder name when it has none.
/// </param>
/// <param name="Input">The attribute without <c>_input</c>: <c>temp1</c>, <c>fan2</c>.</param>
/// <param name="Label">The attribute's <c>_label</c> file, trimmed; <see langword="null"/> when it has none.</param>
/// <param name="RawValue">Millidegrees for temperatures, RPM for fans.</param>
internal sealed record HwmonReading(HwmonKind Kind, string Chip, string Input, string? Label, long RawValue);
