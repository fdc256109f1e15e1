using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.DependencyInjection;

/// <summary>Returned by <c>AddMailstrom()</c>; engines plug in from their own projects: <c>UseSqlite()</c> (the native engine on its embedded store), <c>UseDurableTask()</c>.</summary>
public interface IMailstromBuilder
{
    /// <summary>The service collection Mailstrom is registered in.</summary>
    IServiceCollection Services { get; }
}
