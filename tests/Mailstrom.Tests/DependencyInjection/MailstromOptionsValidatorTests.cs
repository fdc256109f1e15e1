using Mailstrom.DependencyInjection;

namespace Mailstrom.Tests.DependencyInjection;

public sealed class MailstromOptionsValidatorTests
{
    private static string[] Failures(Action<MailstromOptions> change)
    {
        var options = new MailstromOptions();
        change(options);
        var result = new MailstromOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.Empty(Failures(_ => { }));

    [Theory]
    [InlineData("Mailstrom:HeloName")]
    [InlineData("Mailstrom:Limits:MaxRecipients")]
    [InlineData("Mailstrom:Limits:MaxSubjectLength")]
    [InlineData("Mailstrom:Limits:MaxHeaders")]
    [InlineData("Mailstrom:Limits:MaxHeaderBytes")]
    [InlineData("Mailstrom:Limits:MaxAttachments")]
    [InlineData("Mailstrom:Limits:MaxMimeParts")]
    [InlineData("Mailstrom:Limits:MaxMimeDepth")]
    [InlineData("Mailstrom:Delivery:SmtpPort")]
    [InlineData("Mailstrom:Delivery:Relay:Port")]
    [InlineData("Mailstrom:Dns:Timeout")]
    [InlineData("Mailstrom:Retry:Multiplier")]
    public void Validate_OutOfRangeValue_NamesTheSetting(string setting)
    {
        var failures = Failures(o =>
        {
            switch (setting)
            {
                case "Mailstrom:HeloName": o.HeloName = "not a host name"; break;
                case "Mailstrom:Limits:MaxRecipients": o.Limits.MaxRecipients = 0; break;
                case "Mailstrom:Limits:MaxSubjectLength": o.Limits.MaxSubjectLength = 0; break;
                case "Mailstrom:Limits:MaxHeaders": o.Limits.MaxHeaders = 0; break;
                case "Mailstrom:Limits:MaxHeaderBytes": o.Limits.MaxHeaderBytes = 100; break;
                case "Mailstrom:Limits:MaxAttachments": o.Limits.MaxAttachments = -1; break;
                case "Mailstrom:Limits:MaxMimeParts": o.Limits.MaxMimeParts = 0; break;
                case "Mailstrom:Limits:MaxMimeDepth": o.Limits.MaxMimeDepth = 501; break;
                case "Mailstrom:Delivery:SmtpPort": o.Delivery.SmtpPort = 70000; break;
                case "Mailstrom:Delivery:Relay:Port": o.Delivery.Relay.Port = 0; break;
                case "Mailstrom:Dns:Timeout": o.Dns.Timeout = TimeSpan.Zero; break;
                default: o.Retry.Multiplier = 0.5; break;
            }
        });

        Assert.Contains(failures, f => f.StartsWith(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InitialDelayAboveMaxDelay_ExplainsBoth()
    {
        var failure = Assert.Single(Failures(o => o.Retry.InitialDelay = TimeSpan.FromHours(2)));

        Assert.Contains("Mailstrom:Retry:InitialDelay", failure, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Retry:MaxDelay", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AttemptTimeoutNotBelowLease_ExplainsWhy()
    {
        var failure = Assert.Single(Failures(o => o.Delivery.AttemptTimeout = o.Delivery.LeaseDuration));

        Assert.Contains("Mailstrom:Delivery:AttemptTimeout", failure, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Delivery:LeaseDuration", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PerDomainConcurrencyAboveTotal_NamesBoth()
    {
        var failure = Assert.Single(Failures(o => o.Delivery.MaxConcurrencyPerDomain = o.Delivery.MaxConcurrency + 1));

        Assert.Contains("Mailstrom:Delivery:MaxConcurrencyPerDomain", failure, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Delivery:MaxConcurrency", failure, StringComparison.Ordinal);
    }
}
