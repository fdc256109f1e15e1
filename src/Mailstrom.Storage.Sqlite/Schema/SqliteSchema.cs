using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Schema;

/// <summary>Creates and migrates the database schema. The version lives in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this build writes.</summary>
    public const int CurrentVersion = 5;

    private const string Version1 = """
        CREATE TABLE emails (
            id TEXT NOT NULL PRIMARY KEY,
            message_id TEXT NOT NULL,
            envelope_from TEXT NOT NULL,
            from_address TEXT NOT NULL,
            subject TEXT NULL,
            created_time INTEGER NOT NULL,
            last_updated_time INTEGER NOT NULL,
            runtime_status TEXT NOT NULL,
            started INTEGER NOT NULL DEFAULT 0,
            terminated INTEGER NOT NULL DEFAULT 0,
            termination_reason TEXT NULL,
            recipient_count INTEGER NOT NULL,
            final_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_emails_created ON emails (created_time DESC, id DESC);
        CREATE INDEX ix_emails_status_created ON emails (runtime_status, created_time DESC, id DESC);

        CREATE TABLE email_contents (
            email_id TEXT NOT NULL PRIMARY KEY REFERENCES emails (id) ON DELETE CASCADE,
            content BLOB NOT NULL
        );

        CREATE TABLE recipients (
            email_id TEXT NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            address TEXT NOT NULL,
            domain TEXT NOT NULL,
            requires_smtputf8 INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_time INTEGER NULL,
            next_attempt_time INTEGER NULL,
            mx_host TEXT NULL,
            smtp_code INTEGER NULL,
            enhanced_status_code TEXT NULL,
            response TEXT NULL,
            tls TEXT NULL,
            lease_token TEXT NULL,
            lease_expires_at INTEGER NULL,
            PRIMARY KEY (email_id, ordinal)
        ) WITHOUT ROWID;
        CREATE INDEX ix_recipients_due ON recipients (next_attempt_time) WHERE next_attempt_time IS NOT NULL;

        CREATE TABLE idempotency_keys (
            key TEXT NOT NULL PRIMARY KEY,
            request_hash TEXT NOT NULL,
            email_id TEXT NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX ix_idempotency_keys_email ON idempotency_keys (email_id);
        """;

    /// <summary>
    /// Version 2: each lease records its owner, so a restarted process can release a dead owner's leases; idempotency
    /// keys outlive a purge of their email (no foreign key), so a retry within the key's window finds the purged id.
    /// </summary>
    private const string Version2 = """
        ALTER TABLE recipients ADD COLUMN lease_owner TEXT NULL;
        CREATE TABLE idempotency_keys_v2 (
            key TEXT NOT NULL PRIMARY KEY,
            request_hash TEXT NOT NULL,
            email_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        INSERT INTO idempotency_keys_v2 (key, request_hash, email_id, expires_at)
            SELECT key, request_hash, email_id, expires_at FROM idempotency_keys;
        DROP TABLE idempotency_keys;
        ALTER TABLE idempotency_keys_v2 RENAME TO idempotency_keys;
        CREATE INDEX ix_idempotency_keys_email ON idempotency_keys (email_id);
        """;

    /// <summary>
    /// Version 3: the webhook outbox. One row per (endpoint, event), written in the transaction that made the status change
    /// it tells of; <c>next_attempt_time</c> is set while the event waits (or is claimed), NULL once it is dead. Delivered
    /// rows are deleted; dead ones are kept for inspection.
    /// </summary>
    private const string Version3 = """
        CREATE TABLE webhook_outbox (
            endpoint TEXT NOT NULL,
            event_id TEXT NOT NULL,
            email_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            event_time INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_time INTEGER NULL,
            last_error TEXT NULL,
            PRIMARY KEY (endpoint, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (next_attempt_time) WHERE next_attempt_time IS NOT NULL;
        CREATE INDEX ix_webhook_outbox_email ON webhook_outbox (email_id);
        """;

    /// <summary>Version 4: each recipient records the MTA-STS policy applied to its last attempt.</summary>
    private const string Version4 = """
        ALTER TABLE recipients ADD COLUMN mta_sts TEXT NULL;
        """;

    /// <summary>
    /// Version 5: the suppression list. One row per address (local part as given, domain in lower-case ASCII), written in
    /// the transaction that records the permanent failure it comes from.
    /// </summary>
    private const string Version5 = """
        CREATE TABLE suppressions (
            address TEXT NOT NULL PRIMARY KEY,
            smtp_code INTEGER NULL,
            enhanced_status_code TEXT NULL,
            response TEXT NULL,
            suppressed_time INTEGER NOT NULL,
            email_id TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Brings the database to <see cref="CurrentVersion"/> in one immediate transaction, so two processes opening a new
    /// file at once do not both create it.
    /// </summary>
    /// <param name="connection">An open connection that may write.</param>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema version.</exception>
    public static void EnsureCreated(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The Mailstrom database '{connection.DataSource}' has schema version {version}, newer than this build's {CurrentVersion}. Upgrade Mailstrom or use another file."));
        }

        if (version < 1)
        {
            Execute(connection, transaction, Version1);
        }

        if (version < 2)
        {
            Execute(connection, transaction, Version2);
        }

        if (version < 3)
        {
            Execute(connection, transaction, Version3);
        }

        if (version < 4)
        {
            Execute(connection, transaction, Version4);
        }

        if (version < 5)
        {
            Execute(connection, transaction, Version5);
        }

        if (version < CurrentVersion)
        {
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {CurrentVersion};"));
        }

        transaction.Commit();
    }

    /// <summary>Reads the schema version of the open database.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction to read in, if any.</param>
    /// <returns>The version; 0 for an empty file.</returns>
    public static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
