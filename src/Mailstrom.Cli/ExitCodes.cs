namespace Mailstrom.Cli;

/// <summary>The process exit codes of <c>mailstrom</c>; the README's "Command-line tool" section lists the same table.</summary>
internal static class ExitCodes
{
    /// <summary>Done; with <c>--watch</c>, the email is final and every recipient was delivered.</summary>
    public const int Success = 0;

    /// <summary>With <c>--watch</c>: the email is final but not every recipient was delivered (failed or cancelled).</summary>
    public const int NotDelivered = 1;

    /// <summary>Bad options or arguments, or a local file that cannot be read; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the request (400, 409, 410, 413, 415 and other 4xx); its detail and field are shown.</summary>
    public const int Refused = 3;

    /// <summary>No email with that id (404): never accepted, or purged.</summary>
    public const int NotFound = 4;

    /// <summary>The key is missing or wrong (401 or 403).</summary>
    public const int Unauthorized = 5;

    /// <summary>The server could not be reached, did not answer in time, failed (5xx), or answered something that is not the API.</summary>
    public const int Unavailable = 6;

    /// <summary>With <c>--watch --max-wait</c>: the time ran out before the email was final; delivery goes on.</summary>
    public const int StillRunning = 7;

    /// <summary>Stopped by Ctrl+C; an email already accepted goes on being delivered.</summary>
    public const int Interrupted = 130;
}
