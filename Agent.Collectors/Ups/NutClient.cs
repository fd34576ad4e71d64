using System.Text;

namespace Agent.Collectors.Ups;

/// <summary>
/// NUT's line protocol to <c>upsd</c> (NUT <c>docs/net-protocol.txt</c>; <c>shared/FORMATS.md</c> §7): optional
/// <c>USERNAME</c>/<c>PASSWORD</c>, <c>LIST UPS</c>, then <c>LIST VAR</c> for each UPS, on one connection per poll.
/// </summary>
internal sealed class NutClient(UpsAddress address, string user, string password, TimeSpan connectTimeout, TimeSpan readTimeout)
{
    private const int MaxListLines = 10_000;

    public UpsAddress Address => address;

    /// <summary>Every UPS that <c>upsd</c> lists, in its order, each with its variables or its error.</summary>
    public async Task<IReadOnlyList<NutUpsVariables>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await UpsConnection.OpenAsync(address, connectTimeout, readTimeout, cancellationToken)
            .ConfigureAwait(false);
        return await UpsConnection.TimedAsync(
            ExchangeAsync(connection, connection.Token),
            $"upsd at {address} did not finish its replies within {readTimeout.TotalSeconds:0.###} s",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<NutUpsVariables>> ExchangeAsync(UpsConnection connection, CancellationToken token)
    {
        var reader = new NutLineReader(connection.Stream);
        if (user.Length > 0)
        {
            await ExpectOkAsync(connection, reader, $"USERNAME {NutWords.Quote(user)}", token).ConfigureAwait(false);
            await ExpectOkAsync(connection, reader, $"PASSWORD {NutWords.Quote(password)}", token).ConfigureAwait(false);
        }

        var names = new List<string>();
        foreach (var words in await ListAsync(connection, reader, "UPS", token).ConfigureAwait(false))
        {
            if (words is ["UPS", var name, ..])
            {
                names.Add(name);
            }
        }

        var result = new List<NutUpsVariables>(names.Count);
        foreach (var name in names)
        {
            result.Add(await ReadVariablesAsync(connection, reader, name, token).ConfigureAwait(false));
        }

        await SendAsync(connection, "LOGOUT", token).ConfigureAwait(false);
        return result;
    }

    private static async Task<NutUpsVariables> ReadVariablesAsync(
        UpsConnection connection,
        NutLineReader reader,
        string name,
        CancellationToken token)
    {
        try
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var words in await ListAsync(connection, reader, $"VAR {NutWords.Quote(name)}", token).ConfigureAwait(false))
            {
                if (words is ["VAR", _, var key, var value, ..])
                {
                    variables[key] = value;
                }
            }

            return new NutUpsVariables(name, variables, "");
        }
        catch (NutErrorException ex)
        {
            // One UPS whose driver is gone or whose data is stale does not make the other UPS on the daemon unreadable.
            return new NutUpsVariables(name, null, ex.Code);
        }
    }

    private static async Task<List<IReadOnlyList<string>>> ListAsync(
        UpsConnection connection,
        NutLineReader reader,
        string query,
        CancellationToken token)
    {
        await SendAsync(connection, $"LIST {query}", token).ConfigureAwait(false);
        var first = NutWords.Split(await reader.ReadLineAsync(token).ConfigureAwait(false));
        ThrowOnError(first);
        if (first is not ["BEGIN", "LIST", ..])
        {
            throw new UpsProtocolException($"upsd answered LIST {query} with '{Shorten(first)}' instead of BEGIN LIST.");
        }

        var items = new List<IReadOnlyList<string>>();
        while (items.Count < MaxListLines)
        {
            var words = NutWords.Split(await reader.ReadLineAsync(token).ConfigureAwait(false));
            if (words is ["END", "LIST", ..])
            {
                return items;
            }

            ThrowOnError(words);
            items.Add(words);
        }

        throw new UpsProtocolException($"upsd's reply to LIST {query} has more than {MaxListLines} lines.");
    }

    private static async Task ExpectOkAsync(UpsConnection connection, NutLineReader reader, string command, CancellationToken token)
    {
        await SendAsync(connection, command, token).ConfigureAwait(false);
        var words = NutWords.Split(await reader.ReadLineAsync(token).ConfigureAwait(false));
        ThrowOnError(words);
        if (words is not ["OK", ..])
        {
            throw new UpsProtocolException($"upsd answered a login step with '{Shorten(words)}' instead of OK.");
        }
    }

    private static void ThrowOnError(IReadOnlyList<string> words)
    {
        if (words is ["ERR", var code, ..])
        {
            throw new NutErrorException(code);
        }
    }

    private static Task SendAsync(UpsConnection connection, string command, CancellationToken token) =>
        connection.Stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), token).AsTask();

    private static string Shorten(IReadOnlyList<string> words)
    {
        var text = string.Join(' ', words);
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
