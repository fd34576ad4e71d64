using Agent.Contracts.Dtos.Containers;

namespace Agent.Collectors.Docker;

/// <summary>The answer to a container action and how it ended.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Result">The wire answer: <c>success</c>, <c>message</c> or <c>error</c>, <c>timestamp</c>.</param>
/// <param name="Container">The container's name when it was found, otherwise the id or name that was asked for.</param>
public sealed record ContainerActionOutcome(ContainerActionOutcomeKind Kind, ContainerActionResult Result, string Container);
