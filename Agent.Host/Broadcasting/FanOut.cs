namespace Agent.Host.Broadcasting;

/// <summary>
/// Hands one event to many clients. Each hand-over copies the frame into the client's output buffer, so with many
/// clients the list is cut into contiguous slices, one per core, and the slices run side by side; the caller's thread
/// takes one of them and returns when all are done, so a client never sees events out of order.
/// </summary>
internal static class FanOut
{
    // Below this many clients per slice the cost of waking another thread outweighs what it saves.
    private const int MinimumSlice = 128;

    public static void ForEach<TClient, TState>(TClient[] clients, TState state, Action<TClient, TState> deliver)
    {
        var slices = Math.Min(Environment.ProcessorCount, clients.Length / MinimumSlice);
        if (slices <= 1)
        {
            foreach (var client in clients)
            {
                deliver(client, state);
            }

            return;
        }

        var size = (clients.Length + slices - 1) / slices;
        Parallel.For(0, slices, slice =>
        {
            var end = Math.Min(clients.Length, (slice + 1) * size);
            for (var i = slice * size; i < end; i++)
            {
                deliver(clients[i], state);
            }
        });
    }
}
