using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// IPv4 addresses are not in sysfs or procfs (the kernel gives them only over netlink), so they come from the
/// operating system through <see cref="NetworkInterface"/>. This is right only when the collector reads the real
/// <c>/sys</c>; for a fixture tree the reader leaves them empty.
/// </summary>
internal static class OsInterfaceAddresses
{
    public static Dictionary<string, string> FirstIpv4ByName()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                var first = nic.GetIPProperties().UnicastAddresses
                    .FirstOrDefault(address => address.Address.AddressFamily == AddressFamily.InterNetwork);
                if (first is not null)
                {
                    result[nic.Name] = first.Address.ToString();
                }
            }
        }
        catch (NetworkInformationException)
        {
            // No addresses is a valid answer: the interfaces are still reported from sysfs.
        }

        return result;
    }
}
