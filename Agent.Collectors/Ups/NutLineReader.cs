using System.Text;

namespace Agent.Collectors.Ups;

/// <summary>Reads <c>\n</c>-ended lines from a stream, refusing any line longer than the protocol ever sends.</summary>
internal sealed class NutLineReader(Stream stream)
{
    // NUT limits a value to 256 bytes (ST_MAX_VALUE_LEN); with the words around it a line stays far below this.
    private const int MaxLineBytes = 4096;
    private readonly byte[] _buffer = new byte[8192];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            _line.Write(_buffer, _start, take);
            if (_line.Length > MaxLineBytes)
            {
                throw new UpsProtocolException($"upsd sent a line longer than {MaxLineBytes} bytes.");
            }

            if (newline >= 0)
            {
                _start = newline + 1;
                return Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');
            }

            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                throw new EndOfStreamException("upsd closed the connection in the middle of a reply.");
            }
        }
    }
}
