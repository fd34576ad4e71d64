namespace Agent.Host.Endpoints;

/// <summary>The JSON body of every error answer: <c>{"error": "..."}</c>.</summary>
/// <param name="Error">What went wrong, for a person.</param>
internal sealed record ApiError(string Error);
