using System.Net;
using System.Net.Sockets;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Diagnostics;
using Mailstrom.Delivery.Routing;
using Mailstrom.Delivery.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailstrom.Delivery;

/// <summary>
/// The delivery activity. Direct mode resolves the domain's MX hosts and tries every public address of every host in
/// order until one session yields per-recipient results; relay mode sends everything to the configured smarthost.
/// Relay addresses are exempt from the destination policy: the operator configured them explicitly. In direct mode the
/// recipient domain's MTA-STS policy (<see cref="IMtaStsPolicySource"/>) narrows the hosts and secures the sessions when
/// it is enforced, and is recorded with every outcome when it applies (<see cref="MtaStsRouting"/>); relay mode ignores it.
/// </summary>
internal sealed class DeliveryAgent(
    IMxResolver resolver,
    ISmtpTransport transport,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryAgent> logger,
    MailstromMetrics? metrics = null,
    TimeProvider? timeProvider = null,
    IMtaStsPolicySource? mtaSts = null) : IDeliveryAgent
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Recipients.Count == 0)
        {
            return [];
        }

        using var span = AttemptSpan.Start(batch);
        var started = _time.GetTimestamp();
        var outcomes = await AttemptAsync(batch, cancellationToken);
        AttemptSpan.Complete(span, outcomes);
        metrics?.Attempted(outcomes, _time.GetElapsedTime(started),
            batch.AcceptedTime is { } accepted ? _time.GetUtcNow() - accepted : null);
        return outcomes;
    }

    private async Task<IReadOnlyList<AttemptOutcome>> AttemptAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(batch.Content.ToArray(), writable: false);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return All(batch, DeliveryReasons.UnreadableMessage(ex.Message));
        }

        using (message)
        {
            var transaction = new SmtpTransaction(message, batch.EnvelopeFrom, batch.Recipients);
            var delivery = options.Value;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(delivery.AttemptTimeout);
            try
            {
                return delivery.Mode == DeliveryMode.Relay
                    ? await DeliverViaRelayAsync(batch, transaction, delivery, deadline.Token)
                    : await DeliverDirectAsync(batch, transaction, delivery, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return All(batch, DeliveryReasons.AttemptTimedOut(delivery.AttemptTimeout));
            }
        }
    }

    private async Task<IReadOnlyList<AttemptOutcome>> DeliverDirectAsync(
        DeliveryBatch batch, SmtpTransaction transaction, DeliveryOptions delivery, CancellationToken cancellationToken)
    {
        var resolution = await resolver.ResolveAsync(batch.Domain, cancellationToken);
        var reason = resolution.Reason ?? $"no MX hosts for {batch.Domain}";
        switch (resolution.Kind)
        {
            case MxResolutionKind.NullMx:
                return All(batch, DeliveryReasons.NullMx(reason));
            case MxResolutionKind.NotFound:
                return All(batch, DeliveryReasons.DomainNotFound(reason));
            case MxResolutionKind.NoUsableHost:
                return All(batch, DeliveryReasons.Outcome(AttemptOutcomeKind.Permanent, reason));
            case MxResolutionKind.TemporaryFailure:
                return All(batch, DeliveryReasons.Outcome(AttemptOutcomeKind.Transient, reason));
        }

        var policy = mtaSts is null ? null : await mtaSts.GetPolicyAsync(batch.Domain, cancellationToken);
        var (hosts, refusal) = MtaStsRouting.Hosts(policy, resolution.Hosts);
        if (refusal is not null)
        {
            MtaStsLog.Enforced(logger, batch.Domain, refusal.Response);
            return All(batch, refusal);
        }

        // An enforced policy requires STARTTLS with a valid certificate, whatever Mailstrom:Delivery:Tls says.
        var enforced = MtaStsRouting.Enforced(policy);
        var security = enforced ? SmtpSecurity.StartTlsRequired : delivery.Tls switch
        {
            TlsPolicy.Required => SmtpSecurity.StartTlsRequired,
            TlsPolicy.None => SmtpSecurity.None,
            _ => SmtpSecurity.Opportunistic,
        };
        var endpoints = new List<SmtpEndpoint>();
        string? lastRefusedHost = null;
        foreach (var host in hosts)
        {
            foreach (var address in host.Addresses)
            {
                if (!delivery.AllowPrivateDestinations && !DestinationPolicy.IsPublic(address))
                {
                    DeliveryLog.DestinationRefused(logger, host.Name, address);
                    lastRefusedHost = host.Name;
                    continue;
                }

                endpoints.Add(new SmtpEndpoint(host.Name, address, delivery.SmtpPort, security, MtaStsEnforced: enforced));
            }
        }

        if (endpoints.Count == 0)
        {
            return All(batch, DeliveryReasons.AllDestinationsNonPublic(batch.Domain, lastRefusedHost) with { MtaSts = MtaStsRouting.Record(policy) });
        }

        return await TryEndpointsAsync(batch, transaction, endpoints, policy, cancellationToken);
    }

    private async Task<IReadOnlyList<AttemptOutcome>> DeliverViaRelayAsync(
        DeliveryBatch batch, SmtpTransaction transaction, DeliveryOptions delivery, CancellationToken cancellationToken)
    {
        var relay = delivery.Relay;
        var host = relay.Host?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            return All(batch, DeliveryReasons.Outcome(AttemptOutcomeKind.Transient,
                "4.3.5 Mailstrom:Delivery:Relay:Host is required when Mailstrom:Delivery:Mode is Relay"));
        }

        var credentials = string.IsNullOrEmpty(relay.Username) ? null : new NetworkCredential(relay.Username, relay.Password);
        if (credentials is not null && relay.Tls == RelayTls.None)
        {
            DeliveryLog.RelayCredentialsRefused(logger);
            return All(batch, DeliveryReasons.CredentialsWithoutTls(host));
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                // The relay is the operator's own infrastructure: the system resolver (hosts file, internal DNS) knows it.
                addresses = await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                return All(batch, DeliveryReasons.RelayUnresolved(host, ex.Message));
            }
        }

        var security = relay.Tls switch
        {
            RelayTls.Implicit => SmtpSecurity.Implicit,
            RelayTls.None => SmtpSecurity.None,
            _ => SmtpSecurity.StartTlsRequired,
        };
        var endpoints = addresses.Select(a => new SmtpEndpoint(host, a, relay.Port, security, credentials)).ToList();
        return endpoints.Count == 0
            ? All(batch, DeliveryReasons.RelayUnresolved(host, "no addresses"))
            : await TryEndpointsAsync(batch, transaction, endpoints, policy: null, cancellationToken);
    }

    private async Task<IReadOnlyList<AttemptOutcome>> TryEndpointsAsync(
        DeliveryBatch batch, SmtpTransaction transaction, List<SmtpEndpoint> endpoints, MtaStsPolicy? policy,
        CancellationToken cancellationToken)
    {
        AttemptOutcome? lastFailure = null;
        foreach (var endpoint in endpoints)
        {
            var result = await transport.SendAsync(endpoint, transaction, cancellationToken);
            if (!result.TryNextHost)
            {
                LogCompleted(batch, endpoint, result.Outcomes);
                return WithPolicy(batch, result.Outcomes, MtaStsRouting.Record(policy, endpoint, result));
            }

            lastFailure = result.Failure;
        }

        var failure = (lastFailure ?? DeliveryReasons.Outcome(AttemptOutcomeKind.Transient, "4.4.1 No host could be reached"))
            with { Kind = AttemptOutcomeKind.Transient, MxHost = lastFailure?.MxHost ?? endpoints[^1].HostName, MtaSts = MtaStsRouting.Record(policy) };
        DeliveryLog.AllHostsFailed(logger, batch.EmailId, batch.Domain, failure.Response);
        return All(batch, failure);
    }

    private void LogCompleted(DeliveryBatch batch, SmtpEndpoint endpoint, IReadOnlyList<AttemptOutcome> outcomes)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        DeliveryLog.SessionCompleted(logger, batch.EmailId, endpoint.HostName, endpoint.Address,
            outcomes.FirstOrDefault(o => o.Tls is not null)?.Tls ?? "plaintext",
            outcomes.Count(o => o.Kind == AttemptOutcomeKind.Delivered),
            outcomes.Count(o => o.Kind == AttemptOutcomeKind.Transient),
            outcomes.Count(o => o.Kind == AttemptOutcomeKind.Permanent));
    }

    private IReadOnlyList<AttemptOutcome> WithPolicy(DeliveryBatch batch, IReadOnlyList<AttemptOutcome> outcomes, string? recorded)
    {
        if (recorded is null)
        {
            return outcomes;
        }

        if (recorded.StartsWith("testing: ", StringComparison.Ordinal))
        {
            MtaStsLog.TestingFailure(logger, batch.Domain, recorded["testing: ".Length..]);
        }

        return [.. outcomes.Select(o => o with { MtaSts = recorded })];
    }

    private static AttemptOutcome[] All(DeliveryBatch batch, AttemptOutcome outcome) =>
        Enumerable.Repeat(outcome, batch.Recipients.Count).ToArray();
}
