using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Durable.TaskHub;

/// <summary>
/// Settings of the task hub this process hosts (<c>Mailstrom:Durable</c>, beside the engine's connection string):
/// several processes with the same connection string and hub share the work.
/// </summary>
public sealed class TaskHubOptions
{
    /// <summary>The configuration section (shared with the engine's own settings).</summary>
    public const string SectionName = "Mailstrom:Durable";

    /// <summary>The task hub's name: its queues, tables and blob containers are named after it.</summary>
    /// <value>Defaults to <c>mailstrom</c>; 3 to 45 letters and digits, starting with a letter.</value>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Mailstrom:Durable:TaskHub must be 3 to 45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "mailstrom";

    /// <summary>The number of control-queue partitions: the most processes that can run orchestrations at once.</summary>
    /// <value>Defaults to 4; 1 to 16. Fixed when the task hub is first created.</value>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>This process's name among the workers sharing the hub; a restarted process with the same name takes its
    /// partitions back at once instead of waiting for their leases to expire.</summary>
    /// <value>Defaults to the machine name.</value>
    [Required(AllowEmptyStrings = false)]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>The most delivery activities this process runs at once.</summary>
    /// <value>Defaults to 32.</value>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>The most orchestration episodes this process runs at once.</summary>
    /// <value>Defaults to 64. An episode is a handful of storage calls made one after another (read the history, write it,
    /// update the instance row, send the activity's message), so it mostly waits on storage: with 32 at once, one instance
    /// on Azurite delivered ~46 single-recipient emails/s, with 64 ~72/s, with 128 fewer again (docs/performance.md).</value>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>The longest an idle process waits between polls of its queues (it polls at once while work flows).</summary>
    /// <value>Defaults to 2 seconds (Durable Functions uses 30: fewer storage transactions, slower start on idle).</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a dequeued message stays invisible: work held by a process that died comes back after this.</summary>
    /// <value>Defaults to 30 seconds (Durable Task's default is 5 minutes); a live process renews its messages.</value>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
