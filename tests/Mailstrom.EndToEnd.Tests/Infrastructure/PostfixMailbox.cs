using MimeKit;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>Reads what the rig's Postfix delivered into a Maildir.</summary>
public static class PostfixMailbox
{
    /// <summary>
    /// Waits until the mailbox of <paramref name="localPart"/> holds a message with <paramref name="messageId"/>. Postfix
    /// writes the Maildir file after its 250 reply, so the file can appear a moment after the status says Delivered.
    /// </summary>
    /// <returns>The raw message as Postfix stored it.</returns>
    public static async Task<string> WaitForMessageAsync(string localPart, string messageId, TimeSpan? within = null)
    {
        var folder = Path.Combine(MailstromLab.Rig.PostfixMaildirRoot, localPart, "new");
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains($"<{messageId}>", StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No message {messageId} arrived in {folder}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Parses a stored message.</summary>
    public static MimeMessage Parse(string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        return MimeMessage.Load(stream);
    }
}
