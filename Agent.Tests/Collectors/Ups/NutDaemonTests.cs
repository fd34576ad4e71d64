using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

[Collection(UpsDaemonsCollection.Name)]
public sealed class NutDaemonTests(NutDaemonFixture nut)
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> SharedDevFiles() =>
        [.. TestPaths.HasSharedFixtures ? Directory.GetFiles(TestPaths.Shared("nut"), "*.dev").Select(Path.GetFileName).OfType<string>() : []];

    [UpsDaemonTheory]
    [MemberData(nameof(SharedDevFiles))]
    public async Task ReadAll_SharedDevServedByDummyUps_MatchesTheParsersViewOfTheFile(string file)
    {
        var name = nut.DevFiles.Single(d => Path.GetFileName(d.Value) == file).Key;
        var expected = NutStatusParser.ToStatus(name, NutStatusParser.ParseDump(File.ReadAllText(TestPaths.Shared("nut", file))), s_now);

        var served = (await new NutSource(nut.CreateClient()).ReadAsync(s_now, CancellationToken.None).WithTimeout())
            .Single(s => s.Name == name);

        Assert.Equal(expected, served);
    }

    [UpsDaemonFact]
    public async Task ReadAll_LoggedIn_ListsEveryConfiguredUps()
    {
        var all = await nut.CreateClient(NutDaemonFixture.User, NutDaemonFixture.Password).ReadAllAsync(CancellationToken.None).WithTimeout();

        string[] expected = [.. nut.DevFiles.Keys, NutDaemonFixture.LiveUps, NutDaemonFixture.SequenceUps, NutDaemonFixture.NoDriverUps];
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [UpsDaemonFact]
    public async Task ReadAll_UpsWithoutDriver_ReportsItsErrorAndKeepsTheOthers()
    {
        var all = await new NutSource(nut.CreateClient()).ReadAsync(s_now, CancellationToken.None).WithTimeout();

        var missing = all.Single(s => s.Name == NutDaemonFixture.NoDriverUps);
        Assert.False(missing.Connected);
        Assert.Equal("unknown", missing.Status);
        Assert.True(all.Single(s => s.Name == NutDaemonFixture.LiveUps).Connected);
    }

    [UpsDaemonFact]
    public async Task ReadAll_RawReplyToUnknownUps_IsErrUnknownUps()
    {
        var error = await Assert.ThrowsAsync<NutErrorException>(() => RawListVarAsync("no-such-ups"));

        Assert.Equal("UNKNOWN-UPS", error.Code);
    }

    private async Task RawListVarAsync(string ups)
    {
        // The agent's client only asks for UPS that upsd lists; this asks for one it does not, as a stale NutUps would.
        await using var connection = await UpsConnection.OpenAsync(
            UpsAddress.Parse(nut.Address), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), CancellationToken.None);
        await connection.Stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"LIST VAR {ups}\n"));
        var words = NutWords.Split(await new NutLineReader(connection.Stream).ReadLineAsync(connection.Token));
        if (words is ["ERR", var code, ..])
        {
            throw new NutErrorException(code);
        }
    }
}
