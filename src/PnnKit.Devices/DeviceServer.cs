using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PnnKit.Devices;

/// <summary>Where and how a <see cref="DeviceServer"/> listens.</summary>
public sealed record DeviceServerOptions
{
    /// <summary>The token every call must carry (at least 16 characters).</summary>
    public required string Token { get; init; }

    /// <summary>The address to listen on; default 127.0.0.1 (this machine only).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (tests), <see cref="DeviceServer.Address"/> tells which.</summary>
    public int Port { get; init; }

    /// <summary>Where the server logs refused readings and faults; null for the console.</summary>
    public ILoggerProvider? Logger { get; init; }

    /// <summary>Throws naming the field and its allowed range.</summary>
    public void Validate()
    {
        if (Token is null || Token.Length < 16)
        {
            throw new ArgumentException("the device server's token must be at least 16 characters (use `pnn serve --token-file FILE`, which writes a random one).");
        }
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), $"port must be in [0, 65535], got {Port}.");
        }
    }
}

/// <summary>
/// Serves device drivers over the device protocol (Proto/device.proto: gRPC over HTTP/2): each driver under its
/// <see cref="DeviceInfo.Name"/>, every call checked for the token (<see cref="TokenAuthentication"/>) and every
/// control, input and reading checked against the device's ranges (DeviceService). Start it with
/// <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class DeviceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DeviceServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's address, e.g. http://127.0.0.1:5077 (its port resolved when the options asked for 0).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="drivers"/> (names must be unique).</summary>
    public static async Task<DeviceServer> StartAsync(IEnumerable<IDeviceDriver> drivers, DeviceServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var served = new Dictionary<string, ServedDevice>(StringComparer.Ordinal);
        foreach (var d in drivers)
        {
            d.Info.Validate();
            if (!served.TryAdd(d.Info.Name, new ServedDevice(d)))
            {
                throw new ArgumentException($"two devices are named '{d.Info.Name}'; names must be unique on a server.", nameof(drivers));
            }
        }
        if (served.Count == 0)
        {
            throw new ArgumentException("a device server needs at least one device.", nameof(drivers));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.Logger is { } provider)
        {
            builder.Logging.AddProvider(provider);
        }
        else
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Address, options.Port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new DeviceRegistry(served));
        builder.Services.AddGrpc(g => g.Interceptors.Add<TokenAuthentication>());
        var app = builder.Build();
        app.MapGrpcService<DeviceService>();
        await app.StartAsync().ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DeviceServer(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Waits until the server is stopped (Ctrl+C in `pnn serve`).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellation);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
