namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>The tests that share one published folder (publishing takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedCollection : ICollectionFixture<PublishedFunctionApp>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "published function app";
}
