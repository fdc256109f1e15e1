using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class MimeTreeTests
{
    private const string Message = """
        From: s@example.com
        To: a@example.org
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=b1

        --b1
        Content-Type: multipart/alternative; boundary=b2

        --b2

        plain
        --b2
        Content-Type: text/html

        <p>html</p>
        --b2--
        --b1
        Content-Type: message/rfc822

        From: x@example.net
        Content-Type: multipart/mixed; boundary=b3

        --b3

        inner one
        --b3

        inner two
        --b3--
        --b1
        Content-Type: message/rfc822

        From: y@example.net

        single inner body
        --b1--
        """;

    [Fact]
    public void Walk_NamesPartsByImapSection_InDocumentOrder()
    {
        var nodes = MimeTree.Walk(ComposerFixture.ParseRaw(Message)).ToList();

        Assert.Equal(
            [
                ("body", "", 1), ("parts[1]", "parts[1].", 2), ("parts[1.1]", "parts[1.1].", 3), ("parts[1.2]", "parts[1.2].", 3),
                ("parts[2]", "parts[2].", 2), ("parts[2]", "parts[2].message.", 3), ("parts[2.1]", "parts[2.1].", 4), ("parts[2.2]", "parts[2.2].", 4),
                ("parts[3]", "parts[3].", 2), ("parts[3.1]", "parts[3].message.", 3),
            ],
            nodes.Select(n => (n.Name, n.HeaderPrefix, n.Depth)));
    }

    [Fact]
    public void Walk_TheBodyOfEachMessage_CarriesThatMessageAsOwner()
    {
        var message = ComposerFixture.ParseRaw(Message);

        var owners = MimeTree.Walk(message).Where(n => n.Owner is not null).Select(n => n.Owner!.From.Mailboxes.Single().Address);

        Assert.Equal(["s@example.com", "x@example.net", "y@example.net"], owners);
    }

    [Fact]
    public void Walk_WithARoot_PrefixesEveryName()
    {
        var nodes = MimeTree.Walk(ComposerFixture.ParseRaw(Message), "attachments[0].content.").Take(2).ToList();

        Assert.Equal(("attachments[0].content", "attachments[0].content."), (nodes[0].Name, nodes[0].HeaderPrefix));
        Assert.Equal("attachments[0].content.parts[1]", nodes[1].Name);
    }

    [Fact]
    public void Walk_InsideMultipartSigned_MarksNodesSigned()
    {
        var message = ComposerFixture.ParseRaw("""
            From: s@example.com
            Content-Type: multipart/signed; boundary=s1; protocol="application/pgp-signature"; micalg=pgp-sha256

            --s1

            text
            --s1
            Content-Type: application/pgp-signature

            sig
            --s1--
            """);

        Assert.Equal([false, true, true], MimeTree.Walk(message).Select(n => n.Signed));
    }

    [Fact]
    public void Walk_DeeplyNested_DoesNotRecurse()
    {
        const int depth = 900;
        var raw = "From: s@example.com\nMIME-Version: 1.0\n" +
            string.Concat(Enumerable.Range(0, depth).Select(i => $"Content-Type: multipart/mixed; boundary=n{i}\n\n--n{i}\n")) + "\ndeep\n";

        Assert.Equal(depth + 1, MimeTree.Walk(ComposerFixture.ParseRaw(raw)).Max(n => n.Depth));
    }
}
