using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>
/// A caller's idempotency key (partition key = SHA-256 of the key, so any key is a valid table key). Inserted if absent
/// before anything else of a create is written, so concurrent creates with one key agree on one email.
/// </summary>
internal sealed class IdempotencyEntity : ITableEntity
{
    /// <summary>The row key of every key entity.</summary>
    public const string Row = "key";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = Row;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    public string Key { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public string EmailId { get; set; } = string.Empty;

    /// <summary>When the key may be used for a new email (UTC ticks).</summary>
    public long ExpiresTicks { get; set; }

    /// <summary>When the reservation was made by the store's clock (UTC ticks), to recognise abandoned ones.</summary>
    public long ReservedTicks { get; set; }

    /// <summary>The partition key of <paramref name="key"/>.</summary>
    /// <param name="key">The caller's key.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
