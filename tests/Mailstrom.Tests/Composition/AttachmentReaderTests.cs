using Mailstrom.Composition;
using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class AttachmentReaderTests
{
    [Fact]
    public void AddTo_WhenContentTypeMissing_UsesOctetStream()
    {
        var builder = new BodyBuilder();

        AttachmentReader.AddTo([new AttachmentRequest { FileName = "a.bin", Content = "AQID" }], builder, new LimitsOptions());

        var part = Assert.IsType<MimePart>(Assert.Single(builder.Attachments));
        Assert.Equal("application/octet-stream", part.ContentType.MimeType);
        Assert.Equal("a.bin", part.FileName);
    }

    [Fact]
    public void AddTo_WhenContentTypeHasParameters_KeepsThem()
    {
        var builder = new BodyBuilder();

        AttachmentReader.AddTo([new AttachmentRequest { FileName = "notes.txt", ContentType = "text/plain; charset=utf-8", Content = "aGk=" }], builder, new LimitsOptions());

        var part = Assert.IsType<TextPart>(Assert.Single(builder.Attachments));
        Assert.Equal("utf-8", part.ContentType.Charset);
    }

    [Fact]
    public void AddTo_WhenContentEmpty_AddsEmptyFile()
    {
        var builder = new BodyBuilder();

        AttachmentReader.AddTo([new AttachmentRequest { FileName = "empty.txt", Content = string.Empty }], builder, new LimitsOptions());

        Assert.Single(builder.Attachments);
    }

    [Fact]
    public void AddTo_WhenFileNameNonAscii_Accepts()
    {
        var builder = new BodyBuilder();

        AttachmentReader.AddTo([new AttachmentRequest { FileName = "Übersicht 2030.pdf", Content = "AA==" }], builder, new LimitsOptions());

        Assert.Equal("Übersicht 2030.pdf", Assert.IsType<MimePart>(Assert.Single(builder.Attachments)).FileName);
    }

    [Fact]
    public void AddTo_WhenFileNameHasBackslash_ThrowsOnFileName()
    {
        var error = Assert.Throws<EmailValidationException>(() =>
            AttachmentReader.AddTo([new AttachmentRequest { FileName = "c:\\x.bin", Content = "AA==" }], new BodyBuilder(), new LimitsOptions()));

        Assert.Equal("attachments[0].fileName", error.Field);
    }
}
