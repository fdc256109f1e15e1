using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>
/// The idempotency keys of submissions: which email a key created and the fingerprint of the request that created it,
/// until the key expires. An expired key is as good as absent and is overwritten by the next submission with it.
/// </summary>
internal static class IdempotencyKeys
{
    /// <summary>The earlier submission with <paramref name="key"/>, if its key has not expired at <paramref name="now"/>.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="key">The key.</param>
    /// <param name="now">The time of the new submission, in UTC ticks.</param>
    /// <returns>The earlier request's fingerprint and email id, or <see langword="null"/>.</returns>
    public static (string RequestHash, string EmailId)? FindActive(
        SqliteConnection connection, SqliteTransaction transaction, string key, long now)
    {
        var find = PreparedStatements.Get(connection, transaction,
            "SELECT request_hash, email_id FROM idempotency_keys WHERE key = $key AND expires_at > $now;");
        find.Parameters.AddWithValue("$key", key);
        find.Parameters.AddWithValue("$now", now);
        using var reader = find.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Keeps <paramref name="key"/> for <paramref name="emailId"/>, replacing an expired entry of the same key.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="key">The key, the request's fingerprint and the expiry.</param>
    /// <param name="emailId">The email the key created.</param>
    public static void Remember(SqliteConnection connection, SqliteTransaction transaction, IdempotencyKey key, string emailId)
    {
        var remember = PreparedStatements.Get(connection, transaction, """
            INSERT INTO idempotency_keys (key, request_hash, email_id, expires_at) VALUES ($key, $hash, $id, $expires)
            ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, email_id = excluded.email_id,
                                            expires_at = excluded.expires_at;
            """);
        remember.Parameters.AddWithValue("$key", key.Key);
        remember.Parameters.AddWithValue("$hash", key.RequestHash);
        remember.Parameters.AddWithValue("$id", emailId);
        remember.Parameters.AddWithValue("$expires", SqliteValues.ToTicks(key.ExpiresAt));
        remember.ExecuteNonQuery();
    }
}
