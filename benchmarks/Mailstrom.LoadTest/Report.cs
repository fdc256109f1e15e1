using System.Globalization;
using System.Text;

namespace Mailstrom.LoadTest;

/// <summary>A run's figures: printed for people, then as one <c>RESULT label key=value ...</c> line for scripts.</summary>
internal sealed record Report(string Label, IReadOnlyList<(string Name, double Value)> Figures)
{
    public void Print(TextWriter writer)
    {
        writer.WriteLine($"== {Label}");
        foreach (var (name, value) in Figures)
        {
            writer.WriteLine($"  {name,-26} {Format(value)}");
        }

        var line = new StringBuilder("RESULT ").Append(Label);
        foreach (var (name, value) in Figures)
        {
            line.Append(' ').Append(name).Append('=').Append(Format(value));
        }

        writer.WriteLine(line.ToString());
    }

    private static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e12
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
