namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// Reads the policy id from a domain's <c>_mta-sts</c> TXT records (RFC 8461 §3.1): records that do not begin with
/// <c>v=STSv1</c> and a <c>;</c> are discarded; unless exactly one remains and it is well formed (one <c>id</c> of 1 to
/// 32 letters and digits; extensions <c>name=value</c>), the domain has no policy.
/// </summary>
internal static class MtaStsTxtRecord
{
    private const string Version = "v=STSv1";

    /// <summary>The policy id of the single valid record among <paramref name="records"/>, or <see langword="null"/>.</summary>
    /// <param name="records">Each TXT record's text, its strings already joined.</param>
    public static string? ParseId(IEnumerable<string> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var candidates = records.Where(IsStsRecord).Take(2).ToList();
        return candidates.Count == 1 ? ParseFields(candidates[0]) : null;
    }

    private static bool IsStsRecord(string record) =>
        record.StartsWith(Version, StringComparison.Ordinal) && record[Version.Length..].TrimStart(' ', '\t').StartsWith(';');

    private static string? ParseFields(string record)
    {
        var fields = record[Version.Length..].Split(';');

        // fields[0] is the blank before the first delimiter; a trailing delimiter leaves one empty field at the end.
        var count = fields.Length > 2 && IsBlank(fields[^1]) ? fields.Length - 1 : fields.Length;
        string? id = null;
        for (var i = 1; i < count; i++)
        {
            var field = fields[i].Trim(' ', '\t');
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IsName(field[..equals]))
            {
                return null;
            }

            var value = field[(equals + 1)..];
            if (field[..equals] == "id")
            {
                if (id is not null || value.Length is < 1 or > 32 || !value.All(char.IsAsciiLetterOrDigit))
                {
                    return null;
                }

                id = value;
            }
            else if (value.Length == 0 || value.Any(c => c is < '!' or > '~' or '=' or ';'))
            {
                return null;
            }
        }

        return id;
    }

    private static bool IsBlank(string text) => text.Trim(' ', '\t').Length == 0;

    // sts-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    /// <summary>An extension's name, in the TXT record as in the policy (RFC 8461 §3.1 and §3.2: <c>sts-ext-name</c>):
    /// 1 to 32 letters, digits, <c>_</c>, <c>-</c> or <c>.</c>, starting with a letter or digit.</summary>
    internal static bool IsName(string name) =>
        name.Length is >= 1 and <= 32 && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
