using Mailstrom.Delivery;

namespace Mailstrom.Tests.Delivery;

public sealed class DeliveryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new DeliveryOptionsValidator().Validate(null, new MailstromOptions()).Succeeded);

    [Fact]
    public void Validate_RelayModeWithoutHost_FailsNamingTheSetting()
    {
        var options = new MailstromOptions { Delivery = { Mode = DeliveryMode.Relay } };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mailstrom:Delivery:Relay:Host is required when Mailstrom:Delivery:Mode is Relay.", result.Failures!);
    }

    [Fact]
    public void Validate_CredentialsWithoutTls_FailsNamingBothSettings()
    {
        var options = new MailstromOptions
        {
            Delivery = { Mode = DeliveryMode.Relay, Relay = { Host = "smtp.example.com", Tls = RelayTls.None, Username = "u", Password = "secret-pw" } },
        };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Mailstrom:Delivery:Relay:Username", failure, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Delivery:Relay:Tls", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PasswordWithoutUsername_Fails() =>
        Assert.True(new DeliveryOptionsValidator().Validate(null, new MailstromOptions { Delivery = { Relay = { Password = "x" } } }).Failed);

    [Fact]
    public void Validate_BadNameServer_FailsNamingTheEntry()
    {
        var options = new MailstromOptions { Dns = { NameServers = ["127.0.0.1:15353", "dns.example.com"] } };

        var failure = Assert.Single(new DeliveryOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith("Mailstrom:Dns:NameServers:1 ('dns.example.com')", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelayWithStartTlsAndCredentials_Succeeds()
    {
        var options = new MailstromOptions
        {
            Delivery = { Mode = DeliveryMode.Relay, Relay = { Host = "smtp.example.com", Username = "u", Password = "p" } },
            Dns = { NameServers = ["[2001:db8::53]:53"] },
        };

        Assert.True(new DeliveryOptionsValidator().Validate(null, options).Succeeded);
    }
}
