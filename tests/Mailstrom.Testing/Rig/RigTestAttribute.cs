using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mailstrom.Testing.Rig;

/// <summary>
/// Marks a test (or every test of a class) that needs the real-server rig (dnsmasq, Postfix, smtp-sink, Azurite, started
/// by <c>eng/rig/start.sh</c>) with the trait <c>Category=Rig</c>: <c>dotnet test --filter "Category!=Rig"</c> runs the
/// rest anywhere in seconds; <c>eng/test.sh</c> runs everything.
/// </summary>
[TraitDiscoverer("Mailstrom.Testing.Rig.RigTestDiscoverer", "Mailstrom.Testing")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RigTestAttribute : Attribute, ITraitAttribute
{
    /// <summary>The trait's name.</summary>
    public const string Category = "Category";

    /// <summary>The trait's value.</summary>
    public const string Value = "Rig";
}

/// <summary>Gives <see cref="RigTestAttribute"/> its trait.</summary>
public sealed class RigTestDiscoverer : ITraitDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new(RigTestAttribute.Category, RigTestAttribute.Value);
    }
}
