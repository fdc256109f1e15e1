using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Durable.DependencyInjection;

/// <summary>Settings of the Durable engine's own storage (<c>Mailstrom:Durable</c>): where message content and the suppression list are kept.</summary>
public sealed class DurableEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Durable";

    /// <summary>The Azure Storage connection string for message content (usually the task hub's account).</summary>
    /// <value>Required. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mailstrom:Durable:ConnectionString is required with the Durable engine (an Azure Storage connection string; UseDevelopmentStorage=true for Azurite).")]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>A blob container name: 3 to 63 lowercase letters, digits and single hyphens.</summary>
    private const string ContainerName = "^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$";

    /// <summary>The blob container that holds each accepted message's bytes, named by email id.</summary>
    /// <value>Defaults to <c>mailstrom-content</c>; 3 to 63 lowercase letters, digits and single hyphens.</value>
    [RegularExpression(ContainerName, ErrorMessage = "Mailstrom:Durable:ContentContainer must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens.")]
    public string ContentContainer { get; set; } = "mailstrom-content";

    /// <summary>The blob container that holds the suppression list, one blob per address.</summary>
    /// <value>Defaults to <c>mailstrom-suppressions</c>; 3 to 63 lowercase letters, digits and single hyphens.</value>
    [RegularExpression(ContainerName, ErrorMessage = "Mailstrom:Durable:SuppressionContainer must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens.")]
    public string SuppressionContainer { get; set; } = "mailstrom-suppressions";
}
