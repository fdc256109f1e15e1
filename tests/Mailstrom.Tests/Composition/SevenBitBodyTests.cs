using System.Text;
using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class SevenBitBodyTests
{
    private const string Plain = "From: s@example.com\nTo: a@example.org\n";
    private const string Head = Plain + "MIME-Version: 1.0\n";
    private const string Mixed = Head + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n";

    /// <summary>A body that is not 7-bit clean as given, the decoded octets its part must keep, and its part.</summary>
    public sealed record Dirty(string Name, byte[] Octets, byte[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Dirty> DirtyBodies() =>
    [
        new("8bit text", Raw(Head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße\n"), U8("Grüße\r\n")),
        new("8-bit text declared 7bit", Raw(Head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\nGrüße\n"), U8("Grüße\r\n")),
        new("8-bit text without a transfer encoding", Raw(Head + "Content-Type: text/plain; charset=utf-8\n\nGrüße\n"), U8("Grüße\r\n")),
        new("binary declared", Raw(Head + "Content-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n\0\u0001\u00ff\n", latin1: true), [0, 1, 0xFF, 13, 10]),
        new("raw 8-bit inside quoted-printable", Raw(Head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC\u00dfe\n"),
            U8("Grüße\r\n")),
        new("raw 8-bit inside base64", Raw(Head + "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nYWJj\u00ff\n", latin1: true), U8("abc")),
        new("base64 line of 2000 characters", Raw(Head + "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + new string('A', 2000) + "\n"),
            new byte[1500]),
        new("bare CR in 7bit text", Raw(Head + "Content-Type: text/plain\n\nline\rmore\n"), U8("line\rmore\r\n")),
        new("NUL in 7bit text", Raw(Head + "Content-Type: text/plain\n\na\0b\n"), U8("a\0b\r\n")),
        new("8-bit part of a multipart", Raw(Mixed + "--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nÄrger\n--b1--\n"), U8("Ärger")),
        new("8-bit part of an attached message", Raw(Mixed + "--b1\nContent-Type: message/rfc822\n\nFrom: x@example.net\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nw4Q=\u00c4\n--b1--\n"),
            U8("Ä")),
    ];

    [Theory]
    [MemberData(nameof(DirtyBodies))]
    public void Enforce_WhenBodyIsNotSevenBitClean_ReEncodesIt_KeepingTheDecodedContent(Dirty dirty)
    {
        var message = ComposerFixture.Parse(dirty.Octets);

        var written = Write(message);

        Assert.True(WireOctets.Scan(written).SevenBitClean);
        var part = MimeTree.Walk(ComposerFixture.Parse(written)).Select(n => n.Entity).OfType<MimePart>().Last();
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        Assert.Equal(dirty.Expected, decoded.ToArray());
    }

    /// <summary>A body that goes out encoded, the charset its text must then name, and the octets it must decode to.</summary>
    public sealed record Unlabelled(string Name, byte[] Octets, string Charset, byte[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Unlabelled> UnlabelledBodies() =>
    [
        new("UTF-8 text of a message without MIME fields", Raw(Plain + "\nGrüße\n"), "utf-8", U8("Grüße\r\n")),
        new("Latin-1 text of a message without MIME fields", Raw(Plain + "\nGr\u00fc\u00dfe\n", latin1: true), "unknown-8bit", [.. "Gr"u8, 0xFC, 0xDF, .. "e\r\n"u8]),
        new("UTF-8 text labelled us-ascii", Raw(Head + "Content-Type: text/plain; charset=us-ascii\n\nGrüße\n"), "utf-8", U8("Grüße\r\n")),
        new("Latin-1 text labelled iso-8859-1 keeps its label", Raw(Head + "Content-Type: text/plain; charset=iso-8859-1\n\nGr\u00fc\u00dfe\n", latin1: true),
            "iso-8859-1", [.. "Gr"u8, 0xFC, 0xDF, .. "e\r\n"u8]),
        new("UTF-8 part of a multipart without a charset", Raw(Mixed + "--b1\n\nÄrger\n--b1--\n"), "utf-8", U8("Ärger")),
        new("UTF-8 body of an attached message without MIME fields", Raw(Mixed + "--b1\nContent-Type: message/rfc822\n\nFrom: x@example.net\n\nÄrger\n--b1--\n"),
            "utf-8", U8("Ärger")),
    ];

    [Theory]
    [MemberData(nameof(UnlabelledBodies))]
    public void Enforce_WhenTextGoesOutEncoded_ItsMessageIsMime_AndItsCharsetIsNamed(Unlabelled body)
    {
        var written = ComposerFixture.Parse(Write(ComposerFixture.Parse(body.Octets)));

        var nodes = MimeTree.Walk(written).ToList();
        Assert.All(nodes.Where(n => n.Owner is not null), n => Assert.Equal(new Version(1, 0), n.Owner!.MimeVersion));
        var part = nodes.Select(n => n.Entity).OfType<TextPart>().Last();
        Assert.Equal(body.Charset, part.ContentType.Charset);
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        Assert.Equal(body.Expected, decoded.ToArray());
    }

    [Fact]
    public void Enforce_WhenAMessageWithoutMimeFieldsIsSevenBit_LeavesItWithoutThem()
    {
        var written = Encoding.ASCII.GetString(Write(ComposerFixture.Parse(Raw(Plain + "\nPlain text.\n"))));

        Assert.DoesNotContain("MIME-Version", written, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Content-", written, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\nPlain text.\r\n", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8-bit preamble", Mixed + "Préambule\n--b1\n\ntext\n--b1--\n", "body", "preamble")]
    [InlineData("8-bit epilogue of a nested multipart",
        Mixed + "--b1\nContent-Type: multipart/alternative; boundary=b2\n\n--b2\n\nplain\n--b2--\nÉpilogue\n--b1--\n", "parts[1]", "epilogue")]
    [InlineData("preamble line over 998", Mixed + "x{998}\n--b1\n\ntext\n--b1--\n", "body", "preamble")]
    [InlineData("8-bit boundary", Head + "Content-Type: multipart/mixed; boundary=\"bö\"\n\n--bö\n\ntext\n--bö--\n", "Content-Type", "boundary")]
    [InlineData("8-bit signed content", Head + "Content-Type: multipart/signed; boundary=s1; protocol=\"application/pgp-signature\"; micalg=pgp-sha256\n\n" +
        "--s1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße\n--s1\nContent-Type: application/pgp-signature\n\nsig\n--s1--\n",
        "parts[1]", "multipart/signed")]
    public void Enforce_WhenContentCannotBeReEncoded_ThrowsNamingThePart(string name, string raw, string field, string fragment)
    {
        Assert.NotEmpty(name);
        var message = ComposerFixture.Parse(ComposerFixture.Octets(raw.Replace("x{998}", new string('x', 999), StringComparison.Ordinal)));

        var error = Assert.Throws<EmailValidationException>(() => Write(message));

        Assert.Equal(field, error.Field);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_WhenSignedContentIsSevenBit_LeavesItByteForByte()
    {
        const string signed = "--s1\nContent-Type: text/plain\n\nSigned text.\n--s1\nContent-Type: application/pgp-signature\n\nsig\n--s1--\n";
        var message = ComposerFixture.Parse(ComposerFixture.Octets(Head +
            "Content-Type: multipart/signed; boundary=s1; protocol=\"application/pgp-signature\"; micalg=pgp-sha256\n\n" + signed));

        var written = Encoding.ASCII.GetString(Write(message));

        Assert.Contains(signed.Replace("\n", "\r\n", StringComparison.Ordinal), written, StringComparison.Ordinal);
    }

    private static byte[] Write(MimeMessage message) => MessageWriter.Write(message, international: false, maxBytes: 1_000_000).Content;

    private static byte[] Raw(string raw, bool latin1 = false) => ComposerFixture.Octets(raw, latin1);

    private static byte[] U8(string text) => Encoding.UTF8.GetBytes(text);
}
