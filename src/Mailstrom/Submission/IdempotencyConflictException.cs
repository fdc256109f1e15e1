namespace Mailstrom.Submission;

/// <summary>
/// The idempotency key was used within its window for a different email. Nothing was stored: send the email with a
/// new key, or resend the first email unchanged.
/// </summary>
public sealed class IdempotencyConflictException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public IdempotencyConflictException()
        : this($"The idempotency key was used within the last {IdempotencyRequest.Window.TotalHours:0} hours for a different email; " +
               "use a new key for a different email.")
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    /// <param name="message">The message.</param>
    public IdempotencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of the caller's and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IdempotencyConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
