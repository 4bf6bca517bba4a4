using Grpc.Core;

namespace PnnKit.Devices;

/// <summary>
/// A remote device refused a request (a control out of range, a rejected reading, a wrong token) or stopped answering
/// (every retry failed); the message names the device, the server and why.
/// </summary>
public sealed class DeviceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceException(string message) : base(message) { }

    /// <summary>Creates the exception with the failure that ended the last try.</summary>
    public DeviceException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The protocol's status code of the failure, when the server answered.</summary>
    public StatusCode? Status => (InnerException as RpcException)?.StatusCode;
}
