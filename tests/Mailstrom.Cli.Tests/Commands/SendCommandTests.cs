using System.Text;
using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Commands;

public sealed class SendCommandTests : IDisposable
{
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Send_WithFlags_PrintsTheIdAndStatusShowsEveryRecipient()
    {
        var cli = MailstromCli.For(_server);

        var sent = await cli.RunAsync("send", "--from", "Shop <shop@example.org>", "--to", "bob@example.net", "--to", "carol@example.net",
            "--cc", "dave@example.net", "--bcc", "erin@example.net", "--subject", "Your receipt", "--text", "Thanks!", "--html", "<p>Thanks!</p>");

        Assert.Equal(0, sent.ExitCode);
        var id = sent.Output.Trim();
        Assert.DoesNotContain(' ', id);
        var status = await cli.RunAsync("status", id);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"Email {id} Pending", status.Output, StringComparison.Ordinal);
        Assert.Contains("\"Your receipt\" · 4 recipients", status.Output, StringComparison.Ordinal);
        foreach (var address in new[] { "bob@example.net", "carol@example.net", "dave@example.net", "erin@example.net" })
        {
            Assert.Matches($@"{address}\s*│ Queued\s*│\s*0 │", status.Output);
        }
    }

    [Fact]
    public async Task Send_WithAttachmentHeaderAndReplyTo_IsAccepted()
    {
        var attachment = Path.Combine(Path.GetDirectoryName(_server.DatabasePath)!, "receipt.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(attachment)!);
        await File.WriteAllBytesAsync(attachment, Encoding.ASCII.GetBytes("%PDF-1.4 not really"));
        var cli = MailstromCli.For(_server);

        var sent = await cli.RunAsync("send", "--from", "shop@example.org", "--to", "bob@example.net", "--subject", "Receipt",
            "--text", "Attached.", "--attach", attachment, "--header", "X-Campaign=spring=2026", "--reply-to", "help@example.org");

        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("bob@example.net", (await cli.RunAsync("status", sent.Output.Trim())).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithJsonFile_SendsTheApiBody()
    {
        var file = await WriteTempAsync("email.json", """
            { "from": "shop@example.org", "to": ["bob@example.net"], "bcc": ["audit@example.org"], "subject": "From JSON", "text": "Hi" }
            """);
        var cli = MailstromCli.For(_server);

        var sent = await cli.RunAsync("send", "--json", file);

        Assert.Equal(0, sent.ExitCode);
        var status = await cli.RunAsync("status", sent.Output.Trim());
        Assert.Contains("\"From JSON\" · 2 recipients", status.Output, StringComparison.Ordinal);
        Assert.Contains("audit@example.org", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithJsonOnStandardInput_SendsIt()
    {
        var json = """{ "from": "shop@example.org", "to": ["stdin@example.net"], "subject": "Piped" }""";
        var cli = MailstromCli.For(_server, () => new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var sent = await cli.RunAsync("send", "--json", "-");

        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.Contains("stdin@example.net", (await cli.RunAsync("status", sent.Output.Trim())).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithEmlFile_SendsTheRawMessage()
    {
        var file = await WriteTempAsync("message.eml",
            "From: Alice <alice@example.org>\r\nTo: bob@example.net, carol@example.net\r\nSubject: Raw MIME\r\n" +
            "Content-Type: text/plain\r\n\r\nHello from an .eml file.\r\n");
        var cli = MailstromCli.For(_server);

        var sent = await cli.RunAsync("send", "--eml", file);

        Assert.Equal(0, sent.ExitCode);
        var status = await cli.RunAsync("status", sent.Output.Trim());
        Assert.Contains("from alice@example.org · \"Raw MIME\" · 2 recipients", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyTwice_PrintsTheSameId()
    {
        var cli = MailstromCli.For(_server);
        string[] args = ["send", "--from", "shop@example.org", "--to", "bob@example.net", "--subject", "Once", "--idempotency-key", "order-1234"];

        var first = await cli.RunAsync(args);
        var second = await cli.RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Output.Trim(), second.Output.Trim());
    }

    [Fact]
    public async Task Send_InvalidRecipient_ShowsTheApiDetailAndFieldAndExits3()
    {
        var result = await MailstromCli.For(_server).RunAsync("send", "--from", "shop@example.org", "--to", "bob@example.net", "--to", "not an address");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("The server refused the request (400 Bad Request)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Field: to[1]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_FlagsAndJsonTogether_IsAUsageErrorAndSendsNothing()
    {
        var result = await MailstromCli.For(_server).RunAsync("send", "--json", "email.json", "--to", "bob@example.net");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Give the email one way only", result.Output, StringComparison.Ordinal);
        Assert.Contains("0 emails.", (await MailstromCli.For(_server).RunAsync("list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Nothing_SaysWhatToGive()
    {
        var result = await MailstromCli.For(_server).RunAsync("send");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Nothing to send", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingAttachment_IsAUsageErrorNamingTheFile()
    {
        var result = await MailstromCli.For(_server).RunAsync("send", "--from", "shop@example.org", "--to", "bob@example.net", "--attach", "/nonexistent/receipt.pdf");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Cannot read the attachment '/nonexistent/receipt.pdf'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_HeaderWithoutEquals_IsAUsageError()
    {
        var result = await MailstromCli.For(_server).RunAsync("send", "--from", "shop@example.org", "--to", "bob@example.net", "--header", "X-Campaign");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--header 'X-Campaign' must be NAME=VALUE", result.Output, StringComparison.Ordinal);
    }

    private async Task<string> WriteTempAsync(string name, string content)
    {
        var path = Path.Combine(Path.GetDirectoryName(_server.DatabasePath)!, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
