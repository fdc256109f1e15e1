namespace Mailstrom.Cli.Errors;

/// <summary>
/// A failure the tool explains in one message and one exit code, sorted by what the user can do next (fix the command,
/// fix the key, start the server). The message never contains the key.
/// </summary>
internal class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code: one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A local input problem (an unreadable file, a malformed option): exit code <see cref="ExitCodes.Usage"/>.</summary>
    /// <param name="message">What to fix.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <returns>The exception.</returns>
    public static CliException Usage(string message, Exception? innerException = null) =>
        new(ExitCodes.Usage, message, innerException);

    /// <summary>The server cannot be used: exit code <see cref="ExitCodes.Unavailable"/>.</summary>
    /// <param name="message">What happened, naming the server.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <returns>The exception.</returns>
    public static CliException Unavailable(string message, Exception? innerException = null) =>
        new(ExitCodes.Unavailable, message, innerException);
}
