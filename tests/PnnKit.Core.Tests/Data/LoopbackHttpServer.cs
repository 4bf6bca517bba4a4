using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PnnKit.Core.Tests.Data;

/// <summary>
/// A tiny HTTP/1.1 file server on 127.0.0.1 for download tests: serves fixed byte arrays by path,
/// honours "Range: bytes=N-" (206) unless told not to, and can drop the connection after a given
/// number of body bytes on the first request for a path. One request per connection; it stops
/// when disposed, and every socket operation is bounded by a timeout.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly Dictionary<string, byte[]> _files;
    private readonly ConcurrentDictionary<string, int> _dropAfter = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Dictionary<string, byte[]> files, bool honourRange = true)
    {
        _files = files;
        HonourRange = honourRange;
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public bool HonourRange { get; }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>Request lines and Range headers seen, in order ("GET /a range=bytes=10-").</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The first response for <paramref name="path"/> closes after <paramref name="bytes"/> body bytes.</summary>
    public void DropFirstResponseAfter(string path, int bytes) => _dropAfter[path] = bytes;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener; its exception is expected here.
        }
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var stream = client.GetStream();
            string head = await ReadHead(stream, cts.Token);
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            string path = parts.Length > 1 ? parts[1].TrimStart('/') : "";
            string? range = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?[6..].Trim();
            Requests.Enqueue($"GET /{path}" + (range is null ? "" : $" range={range}"));
            if (!_files.TryGetValue(path, out var body))
            {
                await Write(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", cts.Token);
                return;
            }
            long from = 0;
            if (HonourRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
            }
            if (from >= body.Length && from > 0)
            {
                await Write(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{body.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", cts.Token);
                return;
            }
            int length = body.Length - (int)from;
            string status = from > 0
                ? $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{body.Length - 1}/{body.Length}\r\n"
                : "HTTP/1.1 200 OK\r\n";
            await Write(stream, status + $"Content-Length: {length}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n", cts.Token);
            int send = length;
            if (_dropAfter.TryRemove(path, out int drop))
            {
                send = Math.Min(drop, length);
            }
            await stream.WriteAsync(body.AsMemory((int)from, send), cts.Token);
            await stream.FlushAsync(cts.Token);
            if (send < length)
            {
                client.Client.LingerState = new LingerOption(true, 0); // reset: the body ends early
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The client went away or the test ended; nothing to report.
        }
    }

    private static async Task<string> ReadHead(NetworkStream s, CancellationToken ct)
    {
        var buf = new List<byte>();
        var one = new byte[1];
        while (buf.Count < 16384)
        {
            int n = await s.ReadAsync(one, ct);
            if (n == 0)
            {
                break;
            }
            buf.Add(one[0]);
            int c = buf.Count;
            if (c >= 4 && buf[c - 4] == '\r' && buf[c - 3] == '\n' && buf[c - 2] == '\r' && buf[c - 1] == '\n')
            {
                break;
            }
        }
        return Encoding.ASCII.GetString([.. buf]);
    }

    private static Task Write(NetworkStream s, string text, CancellationToken ct) => s.WriteAsync(Encoding.ASCII.GetBytes(text), ct).AsTask();
}
