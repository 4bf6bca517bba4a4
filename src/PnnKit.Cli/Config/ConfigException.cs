namespace PnnKit.Cli.Config;

/// <summary>A configuration error whose message names the file, line, field and allowed values.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public ConfigException(string message, Exception inner) : base(message, inner) { }
}
