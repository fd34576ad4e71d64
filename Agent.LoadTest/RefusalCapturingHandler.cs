using System.Net;

namespace Agent.LoadTest;

/// <summary>
/// Keeps the body of a refused WebSocket upgrade: <see cref="System.Net.WebSockets.ClientWebSocket"/> reports only
/// the status code, while the agent names its cap in the body.
/// </summary>
internal sealed class RefusalCapturingHandler() : DelegatingHandler(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
{
    // The body is only a diagnostic; a huge one is cut.
    private const int MaxBodyChars = 512;

    public HttpStatusCode? RefusedStatus { get; private set; }

    public string? RefusedBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            RefusedStatus = response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            RefusedBody = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body;
        }

        return response;
    }
}
