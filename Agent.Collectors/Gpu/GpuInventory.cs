using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Gives every GPU ever seen a fixed index, so the list keeps its order across polls: a GPU keeps its index while its
/// vendor fails (it is listed with <c>available = false</c>), and a GPU seen later is appended. A GPU is known by
/// vendor and PCI address (UUIDs repeat in some dual-GPU reports), then by UUID, then by its place in its vendor's list.
/// Only the collector's loop calls it, so it needs no lock.
/// </summary>
internal sealed class GpuInventory
{
    private readonly Dictionary<string, GpuStatus> _known = new(StringComparer.Ordinal);

    /// <summary>Whether any GPU has been seen.</summary>
    public bool IsEmpty => _known.Count == 0;

    /// <summary>Folds one poll's results in and returns every known GPU in index order.</summary>
    public IReadOnlyList<GpuStatus> Update(IReadOnlyList<VendorReadResult> results, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            for (var i = 0; i < result.Gpus.Count; i++)
            {
                var gpu = result.Gpus[i];
                var key = Key(gpu, i, seen);
                seen.Add(key);
                var index = _known.TryGetValue(key, out var previous) ? previous.Index : _known.Count;
                _known[key] = gpu with { Vendor = result.Vendor, Index = index, Timestamp = now };
            }
        }

        foreach (var key in _known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _known[key] = Unavailable(_known[key], now);
        }

        return [.. _known.Values.OrderBy(g => g.Index)];
    }

    private static string Key(GpuStatus gpu, int position, HashSet<string> seen)
    {
        var identity = gpu.PciId.Length > 0 ? gpu.PciId.ToUpperInvariant() : gpu.Uuid.Length > 0 ? gpu.Uuid : $"#{position}";
        var key = $"{gpu.Vendor}|{identity}";
        return seen.Contains(key) ? $"{key}|#{position}" : key;
    }

    private static GpuStatus Unavailable(GpuStatus last, DateTimeOffset now) => new()
    {
        Index = last.Index,
        Vendor = last.Vendor,
        Available = false,
        Name = last.Name,
        Uuid = last.Uuid,
        PciId = last.PciId,
        DriverVersion = last.DriverVersion,
        Timestamp = now,
    };
}
