namespace Mailstrom.Storage.AzureStorage;

/// <summary>Settings of the Azure Storage store (Tables, Queues and Blobs of one storage account).</summary>
public sealed class AzureStorageOptions
{
    /// <summary>The default <see cref="NamePrefix"/>.</summary>
    public const string DefaultNamePrefix = "mailstrom";

    /// <summary>
    /// The storage account's connection string, for example <c>UseDevelopmentStorage=true</c> for Azurite on its
    /// standard ports, or <c>DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...</c>. It is never logged.
    /// </summary>
    /// <value>Required; no default.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The prefix of every table, queue and container the store uses, so several applications (or test runs) can
    /// share one account: tables <c>{prefix}emails</c>, <c>{prefix}listing</c>, <c>{prefix}active</c>,
    /// <c>{prefix}keys</c>; queues <c>{prefix}-work</c> and <c>{prefix}-poison</c>; container <c>{prefix}-content</c>.
    /// Lower-case letters and digits, starting with a letter, 1 to 40 characters.
    /// </summary>
    /// <value>Defaults to <c>mailstrom</c>.</value>
    public string NamePrefix { get; set; } = DefaultNamePrefix;

    /// <summary>
    /// How many times one recipient's work may be taken without a recorded result (each claim whose lease lapses, or
    /// each internal failure processing its queue message) before the message moves to the poison queue and the
    /// recipient becomes Failed with an internal reason.
    /// </summary>
    /// <value>Defaults to 20; between 1 and 1000.</value>
    public int MaxDequeueCount { get; set; } = 20;

    /// <summary>How long a message whose processing failed internally stays hidden before it is tried again.</summary>
    /// <value>Defaults to 30 seconds; between 0 and 1 hour.</value>
    public TimeSpan FailedMessageRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often (at most) a claim also runs the safety-net sweep, which re-enqueues a work message for every pending
    /// recipient that should have been claimable for longer than <see cref="LostMessageAfter"/> (its queue message was
    /// lost). Each sweep reads one page of active emails, so its cost is bounded.
    /// </summary>
    /// <value>Defaults to 5 minutes; at least 1 second.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long past its due time (or lease expiry) a pending recipient may go unclaimed before the sweep
    /// assumes its queue message is lost and enqueues another one.</summary>
    /// <value>Defaults to 15 minutes; at least 1 second.</value>
    public TimeSpan LostMessageAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How old (by the queue's clock) a work message for an email that does not exist may get before it is dropped.
    /// Such messages belong to a create still in progress (they are kept) or one that failed half-way (dropped).
    /// </summary>
    /// <value>Defaults to 10 minutes; at least 1 second.</value>
    public TimeSpan OrphanMessageMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
