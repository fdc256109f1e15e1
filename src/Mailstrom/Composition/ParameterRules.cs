using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Rules for the parameters of Content-Type and Content-Disposition (<c>name</c>, <c>filename</c>, <c>charset</c>, ...):
/// their values, once decoded (RFC 2231 and RFC 2047) the way a mail reader decodes them, hold no control character.
/// File names are further held to <see cref="NameRules.CheckFileName"/>.
/// </summary>
internal static class ParameterRules
{
    /// <summary>Checks every parameter of a list.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns><see langword="null"/> when acceptable; otherwise what is wrong, naming the parameter.</returns>
    public static string? Check(ParameterList parameters)
    {
        foreach (var parameter in parameters)
        {
            var value = parameter.Value ?? string.Empty;
            if (TextRules.HasControlCharacter(value, allowTab: true) || TextRules.HasControlCharacter(TextRules.Decoded(value), allowTab: true))
            {
                return $"The parameter '{Shown(parameter.Name)}' decodes to line breaks or control characters.";
            }
        }

        return null;
    }

    private static string Shown(string name) => HeaderFieldRules.IsFieldName(name) && name.Length <= 76 ? name : "?";
}
