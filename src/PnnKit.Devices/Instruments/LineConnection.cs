using System.Net.Sockets;
using System.Text;

namespace PnnKit.Devices.Instruments;

/// <summary>
/// A line-oriented text link to an instrument over TCP, as many lab instruments speak (SCPI style): one command per line,
/// one answer per line. An answer starting "ERR" is the instrument refusing (<see cref="InstrumentException"/>); no
/// answer within the timeout drops the link (a late answer would pair with the next command) and throws
/// <see cref="TimeoutException"/>; the next query connects again.
/// </summary>
public sealed class LineConnection(string host, int port, TimeSpan timeout) : IDisposable
{
    private TcpClient? _client;
    private StreamReader? _reader;
    private StreamWriter? _writer;

    /// <summary>Where the instrument listens.</summary>
    public string Endpoint => $"{host}:{port}";

    /// <summary>Sends <paramref name="command"/> and returns the instrument's answer.</summary>
    public string Query(string command)
    {
        try
        {
            Connect();
            _writer!.WriteLine(command);
            var answer = _reader!.ReadLineAsync();
            if (!answer.Wait(timeout))
            {
                Close();
                throw new TimeoutException($"instrument at {Endpoint} did not answer '{command}' within {timeout.TotalSeconds:G3} s.");
            }
            string line = answer.Result ?? throw new IOException($"instrument at {Endpoint} closed the link after '{command}'.");
            return line.StartsWith("ERR", StringComparison.Ordinal)
                ? throw new InstrumentException($"instrument at {Endpoint} refused '{command}': {line[3..].Trim()}")
                : line;
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException)
        {
            Close();
            throw new IOException($"instrument at {Endpoint}: {e.GetBaseException().Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private void Connect()
    {
        if (_client is not null)
        {
            return;
        }
        var client = new TcpClient { NoDelay = true };
        if (!client.ConnectAsync(host, port).Wait(timeout))
        {
            client.Dispose();
            throw new TimeoutException($"instrument at {Endpoint} did not accept a connection within {timeout.TotalSeconds:G3} s.");
        }
        var stream = client.GetStream();
        _client = client;
        _reader = new StreamReader(stream, Encoding.ASCII);
        _writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\n" };
    }

    private void Close()
    {
        _reader?.Dispose();
        _writer?.Dispose();
        _client?.Dispose();
        (_client, _reader, _writer) = (null, null, null);
    }
}

/// <summary>An instrument answered a command with an error.</summary>
public sealed class InstrumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InstrumentException() { }

    /// <summary>Creates the exception with the instrument's answer.</summary>
    public InstrumentException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public InstrumentException(string message, Exception inner) : base(message, inner) { }
}
