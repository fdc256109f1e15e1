using Mailstrom.Model;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>How values are written to and read from columns: times as UTC ticks, enums by name.</summary>
internal static class SqliteValues
{
    /// <summary>The status values of recipients that are not final, as stored.</summary>
    public const string PendingStatuses = "'Queued', 'Deferred'";

    /// <summary>A time as stored: UTC ticks (100 ns), lossless and ordered.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The column value.</returns>
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    /// <summary>An optional time as stored.</summary>
    /// <param name="value">The time, or <see langword="null"/>.</param>
    /// <returns>The column value.</returns>
    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    /// <summary>An optional value as a parameter value.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>The column value.</returns>
    public static object ToDb(object? value) => value ?? DBNull.Value;

    /// <summary>A stored time, in UTC.</summary>
    /// <param name="ticks">The column value.</param>
    /// <returns>The time with a zero offset.</returns>
    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>A stored recipient status.</summary>
    /// <param name="value">The column value.</param>
    /// <returns>The status.</returns>
    public static DeliveryStatus ParseDeliveryStatus(string value) => Enum.Parse<DeliveryStatus>(value, ignoreCase: false);

    /// <summary>A stored runtime status.</summary>
    /// <param name="value">The column value.</param>
    /// <returns>The status.</returns>
    public static RuntimeStatus ParseRuntimeStatus(string value) => Enum.Parse<RuntimeStatus>(value, ignoreCase: false);


}
