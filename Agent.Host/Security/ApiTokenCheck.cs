using System.Security.Cryptography;
using System.Text;
using Agent.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>
/// Compares a presented token with <see cref="AgentOptions.ApiToken"/> in constant time: both are hashed first, so
/// neither the content nor the length of the configured token shows in the time an answer takes.
/// </summary>
internal sealed class ApiTokenCheck
{
    private readonly byte[]? _expectedHash;

    public ApiTokenCheck(IOptions<AgentOptions> options)
    {
        var token = options.Value.ApiToken;
        _expectedHash = token is { Length: > 0 } ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
    }

    /// <summary>Whether a token is configured at all.</summary>
    public bool IsRequired => _expectedHash is not null;

    /// <summary>Whether <paramref name="presented"/> is the configured token.</summary>
    public bool Matches(string? presented)
    {
        if (_expectedHash is null || presented is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(presented);
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash);
    }
}
