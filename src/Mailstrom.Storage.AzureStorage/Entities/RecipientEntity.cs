using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Mailstrom.Storage.AzureStorage.Entities;

/// <summary>
/// One recipient's state: partition key = email id, row key <c>r</c> + ordinal in five digits. Times are UTC ticks.
/// </summary>
internal sealed class RecipientEntity : ITableEntity
{
    /// <summary>The first row key of recipients (inclusive).</summary>
    public const string FirstKey = "r";

    /// <summary>The row key after the last recipient (exclusive).</summary>
    public const string EndKey = "s";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    public int Ordinal { get; set; }

    public string Address { get; set; } = string.Empty;

    public string Domain { get; set; } = string.Empty;

    public bool RequiresSmtpUtf8 { get; set; }

    public string Status { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public long? LastAttemptTicks { get; set; }

    /// <summary>When the recipient is due (Queued and Deferred); null once final.</summary>
    public long? NextAttemptTicks { get; set; }

    public string? MxHost { get; set; }

    public int? SmtpCode { get; set; }

    public string? EnhancedStatusCode { get; set; }

    public string? Response { get; set; }

    public string? Tls { get; set; }

    public string? LeaseToken { get; set; }

    public long? LeaseExpiresTicks { get; set; }

    /// <summary>Claims (and internal failures) since the last recorded result; the poison rule counts these.</summary>
    public int UnrecordedClaims { get; set; }

    /// <summary>The id of the queue message that currently wakes this recipient; others are duplicates.</summary>
    public string? QueueMessageId { get; set; }

    /// <summary>The pop receipt of <see cref="QueueMessageId"/> as of the last claim (to release or delete it).</summary>
    public string? PopReceipt { get; set; }

    /// <summary>The row key of the recipient at <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">The recipient's position.</param>
    /// <returns>The row key.</returns>
    public static string RowKeyOf(int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{FirstKey}{ordinal:D5}");
}
