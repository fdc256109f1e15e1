using System.Globalization;
using System.Text;

namespace Mailstrom.LoadTest;

/// <summary>Reads the message counter that <c>smtp-sink -c</c> writes (<c>sess=N quit=N mesg=N</c>, \r-separated).</summary>
internal static class SinkCounter
{
    private const string Marker = "mesg=";

    public static long? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = (int)Math.Min(256, file.Length);
        file.Seek(-length, SeekOrigin.End);
        var buffer = new byte[length];
        file.ReadExactly(buffer);
        var text = Encoding.ASCII.GetString(buffer);
        var at = text.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var digits = text.AsSpan(at + Marker.Length);
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }

        return long.Parse(digits[..end], CultureInfo.InvariantCulture);
    }
}
