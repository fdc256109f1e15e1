using Azure;
using Azure.Data.Tables;

namespace Mailstrom.Storage.AzureStorage.Entities;

/// <summary>
/// One email's state: partition key = email id, row key <see cref="Key"/>. It is the commit point of a create and is
/// written (with its ETag) in every transaction that changes one of its recipients, so it serializes all changes to
/// one email. Times are UTC ticks.
/// </summary>
internal sealed class EmailEntity : ITableEntity
{
    /// <summary>The row key of the email entity in its partition.</summary>
    public const string Key = "email";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = Key;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    public string MessageId { get; set; } = string.Empty;

    public string EnvelopeFrom { get; set; } = string.Empty;

    public string FromAddress { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public long CreatedTicks { get; set; }

    public long LastUpdatedTicks { get; set; }

    public bool Started { get; set; }

    public bool Terminated { get; set; }

    public string? TerminationReason { get; set; }

    public int RecipientCount { get; set; }

    public int FinalCount { get; set; }

    public string RuntimeStatus { get; set; } = string.Empty;

    /// <summary>The earliest time a pending recipient becomes claimable (due time or lease expiry), if any.</summary>
    public long? NextDueTicks { get; set; }

    /// <summary>The row of the idempotency key this email reserved, so a purge can free it.</summary>
    public string? IdempotencyKeyHash { get; set; }
}
