using System.Text.Json;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// Keeps an instance's custom status (and output) within what a task hub stores in one place: Azure Storage refuses a
/// custom status of more than 32 KB, and Durable Functions asks for a few KB. <see cref="RecipientPages.Size"/> keeps a
/// page small in every ordinary case; when its recipients carry long or escaped replies (or MTA-STS notes), they are shortened
/// (status, codes, hosts and times are kept) until the serialized status fits <see cref="MaxCharacters"/>.
/// </summary>
public static class ProgressBudget
{
    /// <summary>The most characters an instance's serialized custom status may take.</summary>
    public const int MaxCharacters = 24_000;

    private static readonly int[] ReplyLengths = [160, 40, 0];

    /// <summary>The progress, with replies shortened as far as needed to fit the budget.</summary>
    /// <param name="progress">The progress to publish.</param>
    /// <returns><paramref name="progress"/> itself when it fits, otherwise a copy with shorter replies.</returns>
    public static EmailProgress Fit(EmailProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Recipients is not { } recipients || Length(progress) <= MaxCharacters)
        {
            return progress;
        }

        var fitted = progress;
        foreach (var length in ReplyLengths)
        {
            fitted = progress with { Recipients = [.. recipients.Select(r => r with { Response = Cut(r.Response, length), MtaSts = Cut(r.MtaSts, length) })] };
            if (Length(fitted) <= MaxCharacters)
            {
                break;
            }
        }

        return fitted;
    }

    /// <summary>The length of <paramref name="progress"/> serialized as the task hub stores it (default JSON escaping).</summary>
    /// <param name="progress">The progress.</param>
    /// <returns>The number of characters.</returns>
    public static int Length(EmailProgress progress) => JsonSerializer.Serialize(progress).Length;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length
        ? text
        : length == 0 ? "…" : string.Concat(text.AsSpan(0, length), "…");
}
