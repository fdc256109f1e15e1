using Azure;
using Azure.Data.Tables;

namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>
/// An email that is not terminal yet (partition <see cref="Partition"/>, row key = email id), with a copy of its next
/// due time. Written before the email's commit point, refreshed after each committed change and removed when the email
/// becomes terminal; a copy that is stale is repaired when read.
/// </summary>
internal sealed class ActiveEntity : ITableEntity
{
    /// <summary>The one partition of the active index.</summary>
    public const string Partition = "active";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = Partition;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The email's next due time (UTC ticks) as last copied.</summary>
    public long? NextDueTicks { get; set; }
}
