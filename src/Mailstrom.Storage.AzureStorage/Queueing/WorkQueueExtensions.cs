using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Mailstrom.Storage.AzureStorage.Queueing;

/// <summary>Queue operations as the store uses them: messages never expire, and a vanished message is not an error.</summary>
internal static class WorkQueueExtensions
{
    /// <summary>Messages live until they are deleted (the default time-to-live of 7 days would lose long timers).</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>Sends a work message that becomes visible after <paramref name="visibility"/>.</summary>
    /// <param name="queue">The work queue.</param>
    /// <param name="message">The message.</param>
    /// <param name="visibility">The delay, within 0 and 7 days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message id and pop receipt.</returns>
    public static async Task<SendReceipt> SendWorkAsync(this QueueClient queue, WorkMessage message, TimeSpan visibility, CancellationToken cancellationToken) =>
        (await queue.SendMessageAsync(message.Encode(), visibility, NeverExpires, cancellationToken)).Value;

    /// <summary>Hides (or reveals, with zero) a message; returns the new pop receipt, or <see langword="null"/> when the
    /// message is gone or was received by someone else since.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The current pop receipt.</param>
    /// <param name="visibility">The new visibility timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new pop receipt, or <see langword="null"/>.</returns>
    public static async Task<string?> TrySetVisibilityAsync(
        this QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
            return updated.Value.PopReceipt;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return null;
        }
    }

    /// <summary>Deletes a message; a message that is gone (or received by someone else since) is left alone.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The current pop receipt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the message is deleted or known gone.</returns>
    public static async Task TryDeleteAsync(this QueueClient queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Gone already, or another receiver holds it now and decides for itself.
        }
    }
}
