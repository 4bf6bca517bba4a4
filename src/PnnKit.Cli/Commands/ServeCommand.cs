using PnnKit.Cli.Config;
using PnnKit.Devices;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn serve --device FILE [--port N] [--host ADDRESS] [--token-file FILE]: fabricates the devices FILE describes and serves
/// them over the device protocol until stopped (Ctrl+C). Calls need the token in the token file (created, random, when missing).
/// </summary>
internal static class ServeCommand
{
    /// <summary>The protocol's default port.</summary>
    public const int DefaultPort = 5077;

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "serve", ["device", "port", "host", "token-file"], []);
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"pnn serve: unexpected '{args.Positionals[0]}'; usage: pnn serve --device FILE [--port N] [--host ADDRESS] [--token-file FILE].");
        }
        string file = args.Value("device") ?? throw new UsageException("pnn serve: give --device FILE (e.g. configs/devices/mesh-4x4.yaml).");
        int port = args.Int("port", DefaultPort, 0, 65535);
        string host = args.Value("host") ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(host, out var address))
        {
            throw new UsageException($"pnn serve: --host must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface); got '{host}'.");
        }
        string tokenFile = args.Value("token-file") ?? "pnn-device.token";
        args.CheckAllRead("serve");
        var devices = DeviceConfig.Load(file);
        string token = DeviceToken.ReadOrCreate(tokenFile);
        var server = DeviceServer.StartAsync(devices, new DeviceServerOptions { Token = token, Address = address, Port = port }).GetAwaiter().GetResult();
        foreach (var d in devices)
        {
            var i = d.Info;
            Console.WriteLine($"serving {new DeviceAddress(server.Address, i.Name)}  ({i.Kind}: {i.InputSize} inputs, {i.ControlCount} controls, {i.OutputSize} readouts; settling {i.SettlingSeconds:G3} s)");
        }
        Console.WriteLine($"token: {Path.GetFullPath(tokenFile)}; Ctrl+C stops.");
        server.WaitForShutdownAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }
}
