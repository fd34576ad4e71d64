using Microsoft.AspNetCore.SignalR;

namespace ReferenceHub;

/// <summary>An empty hub: clients only listen; the server broadcasts through the hub context.</summary>
internal sealed class BroadcastHub : Hub;
