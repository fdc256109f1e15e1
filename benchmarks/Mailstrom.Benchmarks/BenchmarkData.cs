using System.Text;
using Mailstrom.Model;

namespace Mailstrom.Benchmarks;

/// <summary>Inputs shared by the benchmarks: the same shape as the end-to-end load (2 KB text body).</summary>
internal static class BenchmarkData
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static string Text(int bytes)
    {
        var text = new StringBuilder(bytes);
        while (text.Length < bytes)
        {
            text.Append("The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.\r\n");
        }

        return text.ToString(0, bytes);
    }

    public static EmailRequest Request(int recipients) => new()
    {
        From = "Load Test <loadtest@sender.example.com>",
        To = Enumerable.Range(0, recipients).Select(i => $"rcpt{i}@example.org").ToList(),
        Subject = "Load test",
        Text = Text(2048),
    };

    public static EmailStatus Status(int recipients) => new(
        Id: "0123456789abcdef0123456789abcdef",
        RuntimeStatus: RuntimeStatus.Running,
        Input: new EmailSummary("0123456789abcdef@mail.example.net", "loadtest@sender.example.com", "Load test", recipients),
        Recipients: Enumerable.Range(0, recipients).Select(i => i % 2 == 0
            ? new RecipientStatus($"rcpt{i}@example.org", DeliveryStatus.Delivered, 1, Now, null, "mx.example.org", 250,
                "2.0.0", "2.0.0 Ok: queued as 4Xyz", "TLSv1.3 TLS_AES_256_GCM_SHA384")
            : new RecipientStatus($"rcpt{i}@example.org", DeliveryStatus.Deferred, 1, Now, Now.AddMinutes(5),
                "mx.example.org", 451, "4.7.1", "4.7.1 Try again later", null)).ToList(),
        CreatedTime: Now,
        LastUpdatedTime: Now);
}
