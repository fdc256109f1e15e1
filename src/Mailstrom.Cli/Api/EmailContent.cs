namespace Mailstrom.Cli.Api;

/// <summary>A body for <c>POST /api/emails</c>: the bytes and their media type.</summary>
/// <param name="Body">The bytes, sent unchanged.</param>
/// <param name="MediaType"><see cref="Json"/> or <see cref="Rfc822"/>.</param>
internal sealed record EmailContent(ReadOnlyMemory<byte> Body, string MediaType)
{
    /// <summary>The media type of the JSON body.</summary>
    public const string Json = "application/json";

    /// <summary>The media type of a raw MIME message.</summary>
    public const string Rfc822 = "message/rfc822";
}
