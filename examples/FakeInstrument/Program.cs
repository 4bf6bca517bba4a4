// A fake bench instrument speaking a line-oriented text protocol over TCP, as many lab instruments do (SCPI style):
// a bank of four variable optical attenuators feeding two power meters through a fixed splitter. It stands in for
// real hardware in the tests of PnnKit.Devices' LineProtocolDriver and shows what such a driver talks to.
//
//   dotnet FakeInstrument.dll [--port N] [--seed N] [--nan-after N] [--silent-after N]
//
// Prints "listening on PORT" once ready. Commands (one per line, answers one line; "ERR <why>" on a bad command):
//   *IDN?                       → PnnKit,FakeAttenuatorBank,0001,1.0
//   ATT <t1>,<t2>,<t3>,<t4>     → OK          (transmissions in [0, 1]; refused outside)
//   MEAS? <x1>,<x2>,<x3>,<x4>   → <p1>,<p2>   (input powers in mW → detected powers in mW, with 1 µW rms noise)
//   TEMP?                       → 296.15      (kelvin)
// --nan-after N answers NaN to every measurement after the first N; --silent-after N stops answering after N commands.
using System.Globalization;
using System.Net;
using System.Net.Sockets;

int port = 0, nanAfter = int.MaxValue, silentAfter = int.MaxValue, seed = 1;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    int v = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": port = v; break;
        case "--seed": seed = v; break;
        case "--nan-after": nanAfter = v; break;
        case "--silent-after": silentAfter = v; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

// The splitter: detector j sees Σ_i S_ij · t_i · x_i (a lossy 4 → 2 combiner, each column summing to < 1: passive).
double[,] split = { { 0.45, 0.05 }, { 0.30, 0.20 }, { 0.15, 0.35 }, { 0.05, 0.45 } };
var t = new double[4];
var random = new Random(seed);
int commands = 0, measurements = 0;

var listener = new TcpListener(IPAddress.Loopback, port);
listener.Start();
Console.WriteLine($"listening on {((IPEndPoint)listener.LocalEndpoint).Port}");
Console.Out.Flush();
while (true)
{
    using var client = listener.AcceptTcpClient();
    using var stream = client.GetStream();
    using var reader = new StreamReader(stream);
    using var writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
    string? line;
    while ((line = reader.ReadLine()) is not null)
    {
        if (++commands > silentAfter)
        {
            continue; // a hung instrument: reads, never answers
        }
        writer.WriteLine(Answer(line.Trim()));
    }
}

string Answer(string command)
{
    string[] parts = command.Split(' ', 2);
    double[]? values = parts.Length == 2 ? Numbers(parts[1]) : null;
    switch (parts[0])
    {
        case "*IDN?":
            return "PnnKit,FakeAttenuatorBank,0001,1.0";
        case "TEMP?":
            return (296.15 + (0.01 * random.NextDouble())).ToString("R", CultureInfo.InvariantCulture);
        case "ATT" when values is { Length: 4 }:
            if (values.Any(v => !(v >= 0 && v <= 1)))
            {
                return "ERR transmission outside [0, 1]";
            }
            values.CopyTo(t, 0);
            return "OK";
        case "MEAS?" when values is { Length: 4 }:
            if (++measurements > nanAfter)
            {
                return "NaN,NaN";
            }
            var p = new double[2];
            for (int j = 0; j < 2; j++)
            {
                for (int i = 0; i < 4; i++)
                {
                    p[j] += split[i, j] * t[i] * values[i];
                }
                // 1 µW rms detector noise (Box–Muller).
                p[j] += 1e-3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }
            return string.Join(",", p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        default:
            return $"ERR unknown command '{command}'";
    }
}

static double[]? Numbers(string text)
{
    var items = text.Split(',');
    var v = new double[items.Length];
    for (int i = 0; i < items.Length; i++)
    {
        if (!double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
        {
            return null;
        }
    }
    return v;
}
