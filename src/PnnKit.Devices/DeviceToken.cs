using System.Security.Cryptography;

namespace PnnKit.Devices;

/// <summary>
/// The shared secret of a device server and its clients, kept in a file readable by its owner only (`pnn serve --token-file`
/// writes one, `pnn train --device ... --token-file` reads it).
/// </summary>
public static class DeviceToken
{
    /// <summary>Characters a token must have at least.</summary>
    public const int MinimumLength = 16;

    /// <summary>Reads the token in <paramref name="path"/>; throws naming the file when it is missing or too short.</summary>
    public static string Read(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot read the device token ({e.Message}); `pnn serve --token-file {path}` writes one.", e);
        }
        return token.Length >= MinimumLength ? token
            : throw new ArgumentException($"{path}: a device token must be at least {MinimumLength} characters, the file holds {token.Length}.");
    }

    /// <summary>The token in <paramref name="path"/>, or a new random one (256 bits, hex) written there, readable by its owner only.</summary>
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var w = new StreamWriter(path, options))
        {
            w.WriteLine(token);
        }
        return token;
    }
}
