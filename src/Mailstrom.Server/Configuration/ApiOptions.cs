namespace Mailstrom.Server.Configuration;

/// <summary>Settings of the HTTP API (<c>Mailstrom:Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Api";

    /// <summary>
    /// The function keys a caller may present in the <c>x-functions-key</c> header or the <c>code</c> query parameter
    /// (environment form <c>Mailstrom__Api__Keys__0</c>, <c>Mailstrom__Api__Keys__1</c>, ...). Several keys allow
    /// rotation without downtime.
    /// </summary>
    /// <value>Defaults to none: only loopback clients are served, and a warning is logged at start-up.</value>
    public IList<string> Keys { get; set; } = [];
}
