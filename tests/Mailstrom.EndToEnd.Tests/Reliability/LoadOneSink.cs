namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// The test classes whose sink listens on the rig's <c>load1</c> address (<see cref="CrashRun"/>'s default): they take
/// turns, since two sinks on one address and port would split the mail between them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LoadOneSink
{
    /// <summary>The collection's name.</summary>
    public const string Name = "load1 sink";
}
