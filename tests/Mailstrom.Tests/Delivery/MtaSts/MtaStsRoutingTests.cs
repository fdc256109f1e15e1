using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Delivery.Smtp;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsRoutingTests
{
    private static readonly IReadOnlyList<MxHost> Hosts =
    [
        new("mx1.d.test", 10, [IPAddress.Parse("198.41.0.4")]),
        new("mx2.other.test", 20, [IPAddress.Parse("199.9.14.201")]),
    ];

    private static readonly SmtpEndpoint Mx1 = new("mx1.d.test", IPAddress.Parse("198.41.0.4"), 25, SmtpSecurity.Opportunistic);

    [Fact]
    public void Hosts_Enforce_KeepsOnlyTheHostsInThePolicy()
    {
        var (hosts, refusal) = MtaStsRouting.Hosts(Policy(MtaStsMode.Enforce, "*.d.test"), Hosts);

        Assert.Equal(["mx1.d.test"], hosts.Select(h => h.Name));
        Assert.Null(refusal);
    }

    [Fact]
    public void Hosts_EnforceMatchingNoHost_DefersNamingThem()
    {
        var (hosts, refusal) = MtaStsRouting.Hosts(Policy(MtaStsMode.Enforce, "mx.elsewhere.test"), Hosts);

        Assert.Empty(hosts);
        Assert.Equal(AttemptOutcome.Local(AttemptOutcomeKind.Transient,
            "4.4.4 MTA-STS enforce: mx1.d.test, mx2.other.test are not in the policy", "mx1.d.test") with { MtaSts = "enforce" }, refusal);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("None")]
    public void Hosts_TestingOrNone_ChangesNothing(string mode)
    {
        var (hosts, refusal) = MtaStsRouting.Hosts(Policy(Enum.Parse<MtaStsMode>(mode), "mx.elsewhere.test"), Hosts);

        Assert.Same(Hosts, hosts);
        Assert.Null(refusal);
    }

    [Fact]
    public void Record_NoPolicyOrNone_RecordsNothing()
    {
        Assert.Null(MtaStsRouting.Record(null, Mx1, Completed(true)));
        Assert.Null(MtaStsRouting.Record(Policy(MtaStsMode.None), Mx1, Completed(true)));
        Assert.False(MtaStsRouting.Enforced(Policy(MtaStsMode.None)));
    }

    [Fact]
    public void Record_Enforce_RecordsTheMode() =>
        Assert.Equal("enforce", MtaStsRouting.Record(Policy(MtaStsMode.Enforce, "mx1.d.test"), Mx1, Completed(true)));

    [Fact]
    public void Record_TestingEverythingValid_RecordsTheModeAlone() =>
        Assert.Equal("testing", MtaStsRouting.Record(Policy(MtaStsMode.Testing, "mx1.d.test"), Mx1, Completed(true)));

    [Fact]
    public void Record_TestingNoSessionCompleted_RecordsTheModeAlone() =>
        Assert.Equal("testing", MtaStsRouting.Record(Policy(MtaStsMode.Testing, "mx.elsewhere.test")));

    [Theory]
    [InlineData("mx.elsewhere.test", true, "testing: mx1.d.test is not in the policy")]
    [InlineData("mx1.d.test", null, "testing: the session with mx1.d.test was not secured with STARTTLS")]
    [InlineData("mx1.d.test", false, "testing: certificate of mx1.d.test is not valid for mx1.d.test: it has expired or is not yet valid")]
    public void Record_TestingWithAFailure_RecordsTheFirstFailedCheck(string pattern, bool? certificateValid, string expected) =>
        Assert.Equal(expected, MtaStsRouting.Record(Policy(MtaStsMode.Testing, pattern), Mx1, Completed(certificateValid)));

    private static SmtpSessionResult Completed(bool? certificateValid) => SmtpSessionResult.Completed(
        [new AttemptOutcome(AttemptOutcomeKind.Delivered, 250, "2.0.0", "ok", "mx1.d.test", certificateValid is null ? null : "TLSv1.3")],
        certificateValid, "it has expired or is not yet valid");

    private static MtaStsPolicy Policy(MtaStsMode mode, params string[] mx) => new(mode, mx, TimeSpan.FromDays(1));
}
