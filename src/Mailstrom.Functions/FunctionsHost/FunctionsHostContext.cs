namespace Mailstrom.Functions.FunctionsHost;

/// <summary>Whether the app runs under the Azure Functions host as a custom handler, and on which port.</summary>
/// <param name="IsCustomHandler">Whether the Functions host started the app.</param>
/// <param name="Port">The port the host gave, or 0 when self-hosted.</param>
internal sealed record FunctionsHostContext(bool IsCustomHandler, int Port)
{
    /// <summary>Self-hosted: the app serves HTTP itself and checks function keys.</summary>
    public static FunctionsHostContext SelfHosted { get; } = new(false, 0);
}
