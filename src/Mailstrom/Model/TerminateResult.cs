namespace Mailstrom.Model;

/// <summary>What a terminate request did.</summary>
public enum TerminateResult
{
    /// <summary>The email was running or pending; its unfinished recipients are now Cancelled.</summary>
    Terminated,

    /// <summary>No such email.</summary>
    NotFound,

    /// <summary>The email was already terminal; nothing changed.</summary>
    AlreadyTerminal,
}
