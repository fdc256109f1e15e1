using Mailstrom.Model;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>Maps rows selected with <see cref="EmailColumns"/> and <see cref="RecipientColumns"/> to the model.</summary>
internal static class RowReaders
{
    /// <summary>The email columns, in the order <see cref="ReadEmail"/> reads them.</summary>
    public const string EmailColumns =
        "e.id, e.message_id, e.from_address, e.subject, e.created_time, e.last_updated_time, e.runtime_status, " +
        "e.termination_reason, e.recipient_count";

    /// <summary>The recipient columns, in the order <see cref="ReadRecipient"/> reads them, after the email id.</summary>
    public const string RecipientColumns =
        "r.email_id, r.address, r.status, r.attempts, r.last_attempt_time, r.next_attempt_time, r.mx_host, r.smtp_code, " +
        "r.enhanced_status_code, r.response, r.tls, r.mta_sts";

    /// <summary>Reads an email row; recipients are filled in by the caller.</summary>
    /// <param name="reader">A reader positioned on a row selected with <see cref="EmailColumns"/>.</param>
    /// <param name="recipients">The email's recipients, in order.</param>
    /// <returns>The status.</returns>
    public static EmailStatus ReadEmail(SqliteDataReader reader, IReadOnlyList<RecipientStatus> recipients) =>
        new(
            Id: reader.GetString(0),
            RuntimeStatus: SqliteValues.ParseRuntimeStatus(reader.GetString(6)),
            Input: new EmailSummary(
                MessageId: reader.GetString(1),
                From: reader.GetString(2),
                Subject: reader.IsDBNull(3) ? null : reader.GetString(3),
                RecipientCount: reader.GetInt32(8)),
            Recipients: recipients,
            CreatedTime: SqliteValues.FromTicks(reader.GetInt64(4)),
            LastUpdatedTime: SqliteValues.FromTicks(reader.GetInt64(5)),
            TerminationReason: reader.IsDBNull(7) ? null : reader.GetString(7));

    /// <summary>Reads a recipient row.</summary>
    /// <param name="reader">A reader positioned on a row selected with <see cref="RecipientColumns"/>.</param>
    /// <returns>The recipient.</returns>
    public static RecipientStatus ReadRecipient(SqliteDataReader reader) =>
        new(
            Address: reader.GetString(1),
            Status: SqliteValues.ParseDeliveryStatus(reader.GetString(2)),
            Attempts: reader.GetInt32(3),
            LastAttemptTime: ReadTime(reader, 4),
            NextAttemptTime: ReadTime(reader, 5),
            MxHost: ReadString(reader, 6),
            SmtpCode: reader.IsDBNull(7) ? null : reader.GetInt32(7),
            EnhancedStatusCode: ReadString(reader, 8),
            Response: ReadString(reader, 9),
            Tls: ReadString(reader, 10),
            MtaSts: ReadString(reader, 11));

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteValues.FromTicks(reader.GetInt64(ordinal));

    private static string? ReadString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
