using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PnnKit.Devices;

/// <summary>
/// Refuses every call that does not carry "authorization: Bearer &lt;token&gt;" with the server's token (UNAUTHENTICATED),
/// before it reaches a device. The comparison takes the same time however much of the token matches.
/// </summary>
internal sealed class TokenAuthentication(DeviceServerOptions options) : Interceptor
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + options.Token);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        string? header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expected))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, header is null
                ? "this device server requires a token: send 'authorization: Bearer <token>'."
                : "the token sent is not this server's."));
        }
        return continuation(request, context);
    }
}
