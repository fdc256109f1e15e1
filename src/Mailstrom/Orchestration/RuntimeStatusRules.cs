using Mailstrom.Model;

namespace Mailstrom.Orchestration;

/// <summary>The pure rule that derives an email's runtime status from its recipients. Every store uses it.</summary>
public static class RuntimeStatusRules
{
    /// <summary>Derives the runtime status.</summary>
    /// <param name="terminated">Whether the caller terminated the email.</param>
    /// <param name="started">Whether any recipient was ever claimed or attempted.</param>
    /// <param name="recipientCount">How many recipients the email has.</param>
    /// <param name="finalCount">How many are Delivered, Failed or Cancelled.</param>
    /// <returns>Terminated, Completed (all final), Running (started), or Pending.</returns>
    public static RuntimeStatus Derive(bool terminated, bool started, int recipientCount, int finalCount)
    {
        if (terminated)
        {
            return RuntimeStatus.Terminated;
        }

        if (finalCount >= recipientCount)
        {
            return RuntimeStatus.Completed;
        }

        return started || finalCount > 0 ? RuntimeStatus.Running : RuntimeStatus.Pending;
    }
}
