namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>The store an end-to-end test runs on; every delivery test runs on each.</summary>
public enum StorageBackend
{
    /// <summary>The embedded SQLite file.</summary>
    Sqlite,

    /// <summary>Azure Tables, Queues and Blobs on the rig's Azurite.</summary>
    AzureStorage,
}
