using System.Text;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;
using Mailstrom.Testing.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Mailstrom.Tests.Delivery;

/// <summary>Messages, options and components shared by the delivery tests.</summary>
internal static class DeliveryTestData
{
    public const string Sender = "sender@client.mailstrom.test";

    public static string NewMessageId() => $"{Guid.NewGuid():N}@client.mailstrom.test";

    /// <summary>A message with a Bcc header (which must never be transmitted) and the given Message-ID.</summary>
    public static byte[] Message(string messageId, string to = "someone@example.test", string body = "Hello from Mailstrom.") =>
        Encoding.UTF8.GetBytes(
            $"From: Sender <{Sender}>\r\n" +
            $"To: <{to}>\r\n" +
            "Bcc: <hidden-bcc@elsewhere.mailstrom.test>\r\n" +
            "Subject: Delivery test\r\n" +
            "Date: Tue, 03 Mar 2026 10:00:00 +0000\r\n" +
            $"Message-ID: <{messageId}>\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "\r\n" +
            body + "\r\n");

    public static DeliveryBatch Batch(string domain, byte[] content, params string[] recipients) => new(
        "email-" + Guid.NewGuid().ToString("N")[..8], Sender, domain,
        recipients.Select(r => new BatchRecipient(r, !r.All(char.IsAscii))).ToList(), content);

    public static SmtpTransaction Transaction(byte[] content, params string[] recipients) => new(
        MimeMessage.Load(new MemoryStream(content)), Sender,
        recipients.Select(r => new BatchRecipient(r, !r.All(char.IsAscii))).ToList());

    /// <summary>Options for tests: private destinations allowed, short timeouts, the rig's DNS server.</summary>
    public static MailstromOptions Options(Action<MailstromOptions>? configure = null)
    {
        var options = new MailstromOptions
        {
            HeloName = "client.mailstrom.test",
            Delivery =
            {
                AllowPrivateDestinations = true,
                ConnectTimeout = TimeSpan.FromSeconds(3),
                CommandTimeout = TimeSpan.FromSeconds(10),
            },
            Dns = { Timeout = TimeSpan.FromSeconds(2) },
        };
        configure?.Invoke(options);
        return options;
    }

    public static MailKitSmtpTransport Transport(MailstromOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<MailKitSmtpTransport>.Instance);

    /// <summary>The real agent: DNS from the rig, MailKit transport.</summary>
    public static DeliveryAgent Agent(MailstromOptions options)
    {
        if (options.Dns.NameServers.Count == 0)
        {
            options.Dns.NameServers.Add(RigEnvironment.Current.DnsServerText);
        }

        return new DeliveryAgent(
            new Mailstrom.Delivery.Dns.DnsMxResolver(Microsoft.Extensions.Options.Options.Create(options.Dns), NullLogger<Mailstrom.Delivery.Dns.DnsMxResolver>.Instance),
            Transport(options), Microsoft.Extensions.Options.Options.Create(options.Delivery), NullLogger<DeliveryAgent>.Instance);
    }

    /// <summary>Waits (bounded) for Postfix to drop a message containing <paramref name="needle"/> into a Maildir.</summary>
    public static async Task<string> WaitForMaildirMessageAsync(string localPart, string needle, TimeSpan timeout)
    {
        var directory = Path.Combine(RigEnvironment.Current.PostfixMaildirRoot, localPart, "new");
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                if (Directory.Exists(directory))
                {
                    foreach (var file in Directory.EnumerateFiles(directory))
                    {
                        var text = await File.ReadAllTextAsync(file, deadline.Token);
                        if (text.Contains(needle, StringComparison.Ordinal))
                        {
                            return text;
                        }
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no message containing {needle} arrived in {directory}");
    }
}
