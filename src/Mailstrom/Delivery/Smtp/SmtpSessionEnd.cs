
namespace Mailstrom.Delivery.Smtp;

/// <summary>How an SMTP session ends: a courteous, bounded QUIT, and the text that names what went wrong in a reason.</summary>
internal static class SmtpSessionEnd
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Sends QUIT if the connection is still open, waiting at most a few seconds; any failure is ignored.</summary>
    public static async Task QuitAsync(RecordingSmtpClient client, TimeProvider timeProvider)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var quit = new CancellationTokenSource(QuitTimeout, timeProvider);
            await client.DisconnectAsync(true, quit.Token);
        }
        catch (Exception)
        {
            // QUIT is a courtesy: the outcomes are already decided.
        }
    }

    /// <summary>Describes a session failure for a reason: "timed out (...)" or the exception's type and message.</summary>
    public static string Describe(Exception ex, bool timedOut)
    {
        if (timedOut || ex is TimeoutException or OperationCanceledException || ex.InnerException is TimeoutException)
        {
            return $"timed out ({ex.GetType().Name})";
        }

        var inner = ex.InnerException is { } i ? $": {i.Message}" : string.Empty;
        return $"{ex.GetType().Name}: {ex.Message}{inner}";
    }
}
