using MimeKit;
using MimeKit.Cryptography;

namespace Mailstrom.Composition;

/// <summary>
/// Walks every MIME entity of a message, attached messages included, depth first in document order, without recursion.
/// Parts are named by IMAP section numbers (RFC 3501 §6.4.5): the children of the top-level multipart are
/// <c>parts[1]</c>, <c>parts[2]</c>; the second child of <c>parts[1]</c> is <c>parts[1.2]</c>; an attached message's
/// header fields are <c>parts[2].message.Subject</c>, and its body parts continue below its section (<c>parts[2.1]</c>).
/// </summary>
internal static class MimeTree
{
    /// <summary>Enumerates the entities of <paramref name="message"/>. The walk is lazy: a caller that throws stops it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="root">A prefix for every name: empty for a submitted message, or for example <c>attachments[0].content.</c>.</param>
    /// <returns>The entities, the message's body first.</returns>
    public static IEnumerable<MimeNode> Walk(MimeMessage message, string root = "")
    {
        var pending = new Stack<(MimeNode Node, string Section)>();
        pending.Push((new MimeNode(message.Body, message, root, root.Length == 0 ? "body" : root.TrimEnd('.'), 1, false), string.Empty));
        while (pending.TryPop(out var item))
        {
            var (node, section) = item;
            yield return node;
            switch (node.Entity)
            {
                case Multipart multipart:
                    var signed = node.Signed || multipart is MultipartSigned;
                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        var child = section.Length == 0 ? $"{i + 1}" : $"{section}.{i + 1}";
                        var name = $"{root}parts[{child}]";
                        pending.Push((new MimeNode(multipart[i], null, name + ".", name, node.Depth + 1, signed), child));
                    }

                    break;
                case MessagePart { Message: { } attached }:
                    // IMAP numbers a non-multipart body of an attached message as its section plus ".1".
                    var bodySection = attached.Body is Multipart ? section : (section.Length == 0 ? "1" : section + ".1");
                    var bodyName = bodySection.Length == 0 ? node.Name : $"{root}parts[{bodySection}]";
                    pending.Push((new MimeNode(attached.Body, attached, node.HeaderPrefix + "message.", bodyName, node.Depth + 1, node.Signed), bodySection));
                    break;
            }
        }
    }
}
