namespace Mailstrom.Storage.AzureStorage.Queueing;

/// <summary>
/// A work message that a queue trigger received from the store's work queue (<c>{prefix}-work</c>) and handed over,
/// as an Azure Functions host does for a custom handler: the body and the queue's metadata.
/// </summary>
/// <param name="MessageId">The queue message id.</param>
/// <param name="PopReceipt">The pop receipt of the trigger's receive: it lets the store hide or delete the message.</param>
/// <param name="Text">The message body.</param>
/// <param name="DequeueCount">How many times the queue has handed the message out.</param>
/// <param name="InsertedOn">When the queue accepted the message, if known.</param>
public sealed record TriggeredWorkMessage(string MessageId, string PopReceipt, string Text, long DequeueCount, DateTimeOffset? InsertedOn);
