namespace Mailstrom.Durable.Content;

/// <summary>
/// Where the Durable engine keeps each accepted message's bytes, under the email id: orchestration state carries only
/// the reference, so histories and queues stay small however large the message.
/// </summary>
public interface IMessageContentStore
{
    /// <summary>Stores a message's bytes. A second call for the same id keeps the first bytes.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="content">The MIME bytes, exactly as they will be sent.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the bytes are durable.</returns>
    Task PutAsync(string emailId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads a message's bytes.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> when none are stored.</returns>
    Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken);

    /// <summary>Deletes a message's bytes, if any.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes once they are gone.</returns>
    Task DeleteAsync(string emailId, CancellationToken cancellationToken);
}
