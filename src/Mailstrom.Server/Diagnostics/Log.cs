using Mailstrom.Diagnostics;

namespace Mailstrom.Server.Diagnostics;

/// <summary>
/// The server's log messages, with stable event ids (2000-2099). Keys, <c>code</c> values and request bodies
/// are never logged; text a client chose (methods, paths) is a <see cref="LogText"/>, escaped when the line is written.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
        Message = "No function key is configured (Mailstrom:Api:Keys): only loopback clients are served. " +
                  "Set Mailstrom__Api__Keys__0 before exposing this app to a network.")]
    public static partial void NoFunctionKeysConfigured(ILogger logger);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "{Count} function key(s) in Mailstrom:Api:Keys are shorter than {Recommended} characters and may be guessed; " +
                  "use long random keys.")]
    public static partial void ShortFunctionKeys(ILogger logger, int count, int recommended);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Refused {Method} {Path}: missing or invalid function key, or a non-loopback client without configured keys.")]
    public static partial void RequestUnauthorized(ILogger logger, LogText method, LogText path);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "AllowedHosts allows any host and Mailstrom:Api:PublicBaseUrl is not set: the URLs the API returns carry " +
                  "whatever Host header a client sends. Set Mailstrom:Api:PublicBaseUrl, or list the hosts in AllowedHosts.")]
    public static partial void AnyHostWithoutPublicBaseUrl(ILogger logger);
}
