using Mailstrom.Cli.Api;
using Mailstrom.Cli.Errors;

namespace Mailstrom.Cli.Sending;

/// <summary>Reads a prepared body for <c>send --json</c> or <c>send --eml</c>: a file, or standard input for <c>-</c>.</summary>
internal static class EmailFile
{
    /// <summary>Reads the body.</summary>
    /// <param name="path">The file, or <c>-</c> for standard input.</param>
    /// <param name="mediaType"><see cref="EmailContent.Json"/> or <see cref="EmailContent.Rfc822"/>.</param>
    /// <param name="openStandardInput">Opens standard input.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The body, unchanged.</returns>
    /// <exception cref="CliException">The file cannot be read.</exception>
    public static async Task<EmailContent> ReadAsync(string path, string mediaType, Func<Stream> openStandardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openStandardInput);
        try
        {
            if (path == "-")
            {
                await using var input = openStandardInput();
                using var buffer = new MemoryStream();
                await input.CopyToAsync(buffer, cancellationToken);
                return new EmailContent(buffer.ToArray(), mediaType);
            }

            return new EmailContent(await File.ReadAllBytesAsync(path, cancellationToken), mediaType);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"Cannot read '{path}': {ex.Message}", ex);
        }
    }
}
