using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.DependencyInjection;

internal sealed class MailstromBuilder(IServiceCollection services) : IMailstromBuilder
{
    public IServiceCollection Services { get; } = services;
}
