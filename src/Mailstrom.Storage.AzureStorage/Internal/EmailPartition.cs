using Mailstrom.Storage.AzureStorage.Entities;

namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>One email's entities as read together: the email (with its ETag) and every recipient, by ordinal.</summary>
/// <param name="Email">The email entity.</param>
/// <param name="Recipients">The recipients, ordered by ordinal.</param>
internal sealed record EmailPartition(EmailEntity Email, List<RecipientEntity> Recipients)
{
    /// <summary>The recipient at <paramref name="ordinal"/>, if it exists.</summary>
    /// <param name="ordinal">The position.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public RecipientEntity? Recipient(int ordinal) =>
        ordinal >= 0 && ordinal < Recipients.Count && Recipients[ordinal].Ordinal == ordinal
            ? Recipients[ordinal]
            : Recipients.Find(r => r.Ordinal == ordinal);
}
