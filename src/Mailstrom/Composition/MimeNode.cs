using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// One stop of <see cref="MimeTree.Walk"/>: a MIME entity with the names its problems are reported under.
/// </summary>
/// <param name="Entity">The entity; <see langword="null"/> only for an attached message without a body.</param>
/// <param name="Owner">The message whose body <paramref name="Entity"/> is (the submitted message or an attached one):
/// its header fields belong to the same header block as the entity's Content-* fields.</param>
/// <param name="HeaderPrefix">Prepended to a header's name to name the field: empty for the submitted message,
/// <c>parts[1.2].</c> for a MIME part, <c>parts[2].message.</c> for the message attached as part 2.</param>
/// <param name="Name">The name of the entity itself, for problems with its content: <c>body</c> for the submitted
/// message's body, <c>parts[1.2]</c> for a part.</param>
/// <param name="Depth">The nesting depth; the submitted message's body is 1.</param>
/// <param name="Signed">Whether the entity lies inside a multipart/signed, whose content must go out byte for byte.</param>
internal sealed record MimeNode(MimeEntity? Entity, MimeMessage? Owner, string HeaderPrefix, string Name, int Depth, bool Signed)
{
    /// <summary>The field name of the header block as a whole (<c>headers</c>, <c>parts[1].headers</c>).</summary>
    public string HeadersField => HeaderPrefix + "headers";

    /// <summary>The field name of one header of this entity.</summary>
    /// <param name="header">The header.</param>
    /// <returns>For example <c>Subject</c> or <c>parts[1.2].Content-Disposition</c>.</returns>
    public string FieldOf(Header header) => HeaderPrefix + HeaderFieldRules.NameOf(header);

    /// <summary>The header fields of this block: the owner message's, then the entity's.</summary>
    public IEnumerable<Header> Headers =>
        (Owner?.Headers ?? Enumerable.Empty<Header>()).Concat(Entity?.Headers ?? Enumerable.Empty<Header>());
}
