namespace Mailstrom.Cli.Tests.Infrastructure;

/// <summary>Sends emails with the tool itself, for tests about the other commands.</summary>
public static class SentEmails
{
    /// <summary>Sends a small email to <paramref name="to"/> and returns its id.</summary>
    public static async Task<string> SendAsync(this MailstromCli cli, params string[] to)
    {
        var args = new List<string> { "send", "--from", "shop@example.org", "--subject", "Test", "--text", "Hello" };
        foreach (var address in to.Length == 0 ? ["bob@example.net"] : to)
        {
            args.AddRange(["--to", address]);
        }

        var result = await cli.RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output.Trim();
    }
}
