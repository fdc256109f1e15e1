using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.DependencyInjection;

/// <summary>Returned by <c>AddMailstrom()</c>; storage backends plug in with <c>UseSqlite()</c>, <c>UseAzureStorage()</c>.</summary>
public interface IMailstromBuilder
{
    /// <summary>The service collection Mailstrom is registered in.</summary>
    IServiceCollection Services { get; }
}
