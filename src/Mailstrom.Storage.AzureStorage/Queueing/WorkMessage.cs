using System.Globalization;

namespace Mailstrom.Storage.AzureStorage.Queueing;

/// <summary>
/// The body of a work message: which recipient to look at. A message is only a wake-up; the recipient's entity decides
/// what happens.
/// </summary>
/// <param name="EmailId">The email id.</param>
/// <param name="Ordinal">The recipient's position.</param>
internal sealed record WorkMessage(string EmailId, int Ordinal)
{
    /// <summary>Formats the body: <c>{emailId}|{ordinal}</c>.</summary>
    /// <returns>The message text.</returns>
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{EmailId}|{Ordinal}");

    /// <summary>Parses a body made by <see cref="Encode"/>.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The text is not a work message.</exception>
    public static WorkMessage Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.LastIndexOf('|');
        if (separator <= 0
            || !int.TryParse(text.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            throw new FormatException("The queue message is not a Mailstrom work message.");
        }

        return new WorkMessage(text[..separator], ordinal);
    }
}
