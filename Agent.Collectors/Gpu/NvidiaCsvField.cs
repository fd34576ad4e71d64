namespace Agent.Collectors.Gpu;

/// <summary>The <c>--query-gpu</c> fields that <see cref="NvidiaCsvParser"/> reads, by their names in the header.</summary>
internal enum NvidiaCsvField
{
    /// <summary><c>index</c>.</summary>
    Index,

    /// <summary><c>name</c>.</summary>
    Name,

    /// <summary><c>uuid</c>.</summary>
    Uuid,

    /// <summary><c>pci.bus_id</c>.</summary>
    PciBusId,

    /// <summary><c>driver_version</c>.</summary>
    DriverVersion,

    /// <summary><c>temperature.gpu</c>.</summary>
    TemperatureGpu,

    /// <summary><c>utilization.gpu</c>.</summary>
    UtilizationGpu,

    /// <summary><c>utilization.memory</c>.</summary>
    UtilizationMemory,

    /// <summary><c>memory.total</c>.</summary>
    MemoryTotal,

    /// <summary><c>memory.used</c>.</summary>
    MemoryUsed,

    /// <summary><c>power.draw</c>.</summary>
    PowerDraw,

    /// <summary><c>power.draw.instant</c>.</summary>
    PowerDrawInstant,

    /// <summary><c>power.draw.average</c>.</summary>
    PowerDrawAverage,

    /// <summary><c>fan.speed</c>.</summary>
    FanSpeed,
}
