using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Mailstrom.Storage.AzureStorage.Listing;

/// <summary>
/// The newest-first listing index: partition <see cref="Partition"/>, row key = inverted created ticks (19 digits),
/// <c>|</c>, email id. Table storage returns rows in ascending key order, which is newest first.
/// </summary>
internal sealed class ListingEntity : ITableEntity
{
    /// <summary>The one partition of the listing index.</summary>
    public const string Partition = "emails";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = Partition;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    public string EmailId { get; set; } = string.Empty;

    /// <summary>The row key of an email created at <paramref name="createdTicks"/>.</summary>
    /// <param name="createdTicks">UTC ticks.</param>
    /// <param name="emailId">The email id.</param>
    /// <returns>The row key.</returns>
    public static string RowKeyOf(long createdTicks, string emailId) => $"{Inverted(createdTicks)}|{emailId}";

    /// <summary>The inverted ticks prefix of row keys, in 19 digits: later times sort first.</summary>
    /// <param name="createdTicks">UTC ticks.</param>
    /// <returns>The prefix.</returns>
    public static string Inverted(long createdTicks) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdTicks).ToString("D19", CultureInfo.InvariantCulture);
}
