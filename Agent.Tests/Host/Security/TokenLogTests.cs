using System.Net.Http.Headers;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Security;

// Alone: a log assertion must see every event of its own host, so these run outside the parallel collections.
[Collection(Agent.Tests.Hardening.HardeningCollection.Name)]
public sealed class TokenLogTests
{
    private const string Token = ApiTokenTests.Token;

    [Fact]
    public async Task Logs_TokensInQueryAndHeader_NeverContainThem()
    {
        const string wrong = "wrong-token-that-must-not-be-logged";
        await using var server = await ApiTokenTests.StartAsync();
        using var client = server.CreateClient();
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/v1/connections");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var wrongBearer = new HttpRequestMessage(HttpMethod.Get, "metrics");
        wrongBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrong);

        (await client.SendAsync(bearer).WithTimeout()).Dispose();
        (await client.SendAsync(wrongBearer).WithTimeout()).Dispose();
        (await client.GetAsync($"api/v1/ws?access_token={wrong}").WithTimeout()).Dispose();
        (await client.SendAsync(ApiTokenTests.UpgradeRequest($"api/v1/ws?access_token={wrong}")).WithTimeout()).Dispose();
        await using (await RawSocket.ConnectAsync(server, $"?snapshot=false&access_token={Token}"))
        {
        }

        await using (var hub = HubClients.Create(server, messagePack: false, token: Token))
        {
            await hub.StartAsync().WithTimeout();
        }

        Assert.NotEmpty(server.Logs.WithId(1450));
        Assert.Contains(server.Logs.Records, r => r.Message.Contains("/api/v1/ws", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Records, r => r.Message.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Records, r => r.Message.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Records, r => r.Exception?.ToString().Contains(Token, StringComparison.Ordinal) == true);
    }
}
