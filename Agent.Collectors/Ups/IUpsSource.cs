using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>One UPS daemon that the collector may ask.</summary>
internal interface IUpsSource
{
    /// <summary><c>apcupsd</c> or <c>nut</c>.</summary>
    string Backend { get; }

    /// <summary>Where the daemon listens, for logs.</summary>
    string Address { get; }

    /// <summary>Every UPS the daemon reports, stamped with <paramref name="timestamp"/>; throws when it does not answer.</summary>
    Task<IReadOnlyList<UpsStatus>> ReadAsync(DateTimeOffset timestamp, CancellationToken cancellationToken);
}
