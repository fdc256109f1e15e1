using Mailstrom.Http.Problems;
using Mailstrom.Submission;

namespace Mailstrom.Http.Bodies;

/// <summary>Reads and checks the <c>Idempotency-Key</c> request header.</summary>
internal static class IdempotencyKeyHeader
{
    /// <summary>The header name.</summary>
    public const string Name = "Idempotency-Key";

    /// <summary>Reads the header: absent, one valid key, or a refusal.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="key">The key, when present and valid.</param>
    /// <returns>A refusal naming the header, or <see langword="null"/> when the header is absent or valid.</returns>
    public static ApiProblem? TryRead(IHeaderDictionary headers, out string? key)
    {
        key = null;
        if (!headers.TryGetValue(Name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            return Invalid("must appear once");
        }

        var value = values[0];
        if (string.IsNullOrEmpty(value) || value.Length > IdempotencyRequest.MaxKeyLength)
        {
            return Invalid($"must be 1 to {IdempotencyRequest.MaxKeyLength} characters long");
        }

        if (value.Any(c => c is < '!' or > '~'))
        {
            return Invalid("may contain only visible ASCII characters (no spaces)");
        }

        key = value;
        return null;
    }

    private static ApiProblem Invalid(string rule) =>
        new(StatusCodes.Status400BadRequest, $"The {Name} header {rule}.", Name);
}
