namespace Mailstrom.Composition;

/// <summary>
/// Thrown when a submitted email is invalid. <see cref="Field"/> names the offending field in the request's JSON
/// shape (for example <c>to[2]</c>, <c>headers.X-Tag</c>, <c>attachments[0].content</c>), so an API can report it.
/// Nothing is stored when this is thrown.
/// </summary>
public sealed class EmailValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The offending field, in the request's JSON shape.</param>
    /// <param name="message">What is wrong, in words a caller can act on.</param>
    /// <param name="kind">Whether the input is malformed or too large.</param>
    public EmailValidationException(string field, string message, ValidationErrorKind kind = ValidationErrorKind.Invalid)
        : base(message)
    {
        Field = field;
        Kind = kind;
    }

    /// <summary>Creates the exception with no field (prefer the other constructor).</summary>
    public EmailValidationException() : this("body", "The email is invalid.")
    {
    }

    /// <summary>Creates the exception with no field (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    public EmailValidationException(string message) : this("body", message)
    {
    }

    /// <summary>Creates the exception with no field (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EmailValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "body";
    }

    /// <summary>The offending field, in the request's JSON shape.</summary>
    public string Field { get; } = "body";

    /// <summary>Whether the input is malformed or exceeds a configured limit.</summary>
    public ValidationErrorKind Kind { get; }
}

/// <summary>Why a submission was refused.</summary>
public enum ValidationErrorKind
{
    /// <summary>The input is malformed or incomplete (HTTP 400).</summary>
    Invalid,

    /// <summary>The input exceeds a configured size limit (HTTP 413).</summary>
    TooLarge,
}
