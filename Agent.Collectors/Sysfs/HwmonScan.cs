namespace Agent.Collectors.Sysfs;

/// <summary>One pass over <c>class/hwmon</c>.</summary>
/// <param name="IsPresent">Whether the hwmon class folder exists at all (virtual machines often have none).</param>
/// <param name="Readings">Every value that could be read, in chip and attribute order.</param>
/// <param name="UnreadableInputs">Input files that failed to read or held no number (absent sensors answer EIO or ENODATA).</param>
internal sealed record HwmonScan(bool IsPresent, IReadOnlyList<HwmonReading> Readings, int UnreadableInputs);
