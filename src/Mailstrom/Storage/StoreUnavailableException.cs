namespace Mailstrom.Storage;

/// <summary>
/// The engine's store (the SQLite file, or the task hub and its storage account) cannot serve the call now: it is
/// busy, unreachable, full or failing. Nothing the caller sent was at fault and nothing was half-done: try the same
/// call again later (the HTTP API answers 503 with <c>Retry-After</c>). The cause is the inner exception.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public StoreUnavailableException()
        : this("The store is unavailable; try again later.")
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    /// <param name="message">The message.</param>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of the caller's and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The store's own error.</param>
    public StoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
