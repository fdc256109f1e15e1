namespace Mailstrom.Model;

/// <summary>The state of one email and of each of its recipients.</summary>
/// <param name="Id">The email id (orchestration instance id).</param>
/// <param name="RuntimeStatus">The email's orchestration state.</param>
/// <param name="Input">A summary of what was submitted.</param>
/// <param name="Recipients">Every recipient's state, in submission order.</param>
/// <param name="CreatedTime">When the email was accepted.</param>
/// <param name="LastUpdatedTime">When any part of its state last changed.</param>
/// <param name="TerminationReason">The reason given when the caller terminated it.</param>
public sealed record EmailStatus(
    string Id,
    RuntimeStatus RuntimeStatus,
    EmailSummary Input,
    IReadOnlyList<RecipientStatus> Recipients,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string? TerminationReason = null)
{
    /// <summary>Whether the email is terminal (Completed, Failed or Terminated).</summary>
    public bool IsTerminal => RuntimeStatus.IsTerminal();

    /// <summary>Counts per final state; <see langword="null"/> until the email is terminal.</summary>
    public EmailOutput? Output => IsTerminal ? EmailOutput.From(Recipients) : null;
}
