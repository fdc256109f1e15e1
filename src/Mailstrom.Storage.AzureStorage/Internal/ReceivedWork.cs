using Azure.Storage.Queues.Models;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>A work message received by a claim, what it refers to, and what the claim decided.</summary>
/// <param name="message">The queue message.</param>
internal sealed class ReceivedWork(QueueMessage message)
{
    public QueueMessage Message { get; } = message;

    public string MessageId => Message.MessageId;

    /// <summary>The pop receipt; it changes each time the claim updates the message.</summary>
    public string PopReceipt { get; set; } = message.PopReceipt;

    /// <summary>The decoded body, or <see langword="null"/> when it could not be decoded.</summary>
    public WorkMessage? Work { get; set; }

    public RecipientEntity? Recipient { get; set; }

    public MessageDecision Decision { get; set; }
}
