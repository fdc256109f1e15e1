namespace Mailstrom.Model;

/// <summary>
/// A list request carried a continuation token this engine did not issue (or one from another engine or build): the
/// caller starts the listing again without it.
/// </summary>
public sealed class InvalidContinuationTokenException : ArgumentException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public InvalidContinuationTokenException()
        : this("The continuation token was not issued by this engine: pass back the token returned with the previous page unchanged, or start again without one.")
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    /// <param name="message">The message.</param>
    public InvalidContinuationTokenException(string message)
        : base(message, nameof(EmailQuery.ContinuationToken))
    {
    }

    /// <summary>Creates the exception with a message of the caller's and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidContinuationTokenException(string message, Exception? innerException)
        : base(message, nameof(EmailQuery.ContinuationToken), innerException)
    {
    }
}
