using Mailstrom.Delivery.Dns;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery;

/// <summary>Start-up checks of delivery, MTA-STS and DNS settings that span fields, with messages naming the setting to fix.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Check(MailstromOptions options)
    {
        var delivery = options.Delivery;
        var relay = delivery.Relay;
        if (delivery.Mode == DeliveryMode.Relay && string.IsNullOrWhiteSpace(relay.Host))
        {
            yield return "Mailstrom:Delivery:Relay:Host is required when Mailstrom:Delivery:Mode is Relay.";
        }

        if (relay.Port is < 1 or > 65535)
        {
            yield return $"Mailstrom:Delivery:Relay:Port must be between 1 and 65535 (it is {relay.Port}).";
        }

        var hasUser = !string.IsNullOrEmpty(relay.Username);
        if (hasUser && relay.Tls == RelayTls.None)
        {
            yield return "Mailstrom:Delivery:Relay:Username is set but Mailstrom:Delivery:Relay:Tls is None: credentials are "
                + "never sent without TLS. Set Mailstrom:Delivery:Relay:Tls to StartTls or Implicit, or remove the credentials.";
        }

        if (!hasUser && !string.IsNullOrEmpty(relay.Password))
        {
            yield return "Mailstrom:Delivery:Relay:Password is set without Mailstrom:Delivery:Relay:Username; set both or neither.";
        }

        foreach (var failure in MtaSts.MtaStsOptionsValidator.Check(options.MtaSts))
        {
            yield return failure;
        }

        for (var i = 0; i < options.Dns.NameServers.Count; i++)
        {
            var text = options.Dns.NameServers[i];
            if (!DnsMxResolver.TryParseNameServer(text, out _))
            {
                yield return $"Mailstrom:Dns:NameServers:{i} ('{text}') is not a name server address: write it as "
                    + "192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or [2001:db8::53]:5353.";
            }
        }
    }
}
