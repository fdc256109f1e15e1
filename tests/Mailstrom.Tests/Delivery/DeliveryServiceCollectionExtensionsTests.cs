using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Delivery;

public sealed class DeliveryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMailstromDelivery_RegistersResolverTransportAgentAndValidatorAsSingletons()
    {
        var services = new ServiceCollection().AddMailstromDelivery();

        Assert.NotNull(Single<IMxResolver>(services).ImplementationFactory);
        Assert.Equal(typeof(DnsMxResolver), Single<DnsMxResolver>(services).ImplementationType);
        Assert.Equal(typeof(MailKitSmtpTransport), Single<ISmtpTransport>(services).ImplementationType);
        Assert.Equal(typeof(DeliveryAgent), Single<IDeliveryAgent>(services).ImplementationType);
        Assert.Contains(services, d => d.ServiceType == typeof(IValidateOptions<MailstromOptions>)
            && d.ImplementationType == typeof(DeliveryOptionsValidator));
        Assert.All(services, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    [Fact]
    public void AddMailstromDelivery_ResolverIsDnsBehindTheTtlCache()
    {
        var services = new ServiceCollection().AddLogging().AddOptions().AddMailstromDelivery();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<CachingMxResolver>(provider.GetRequiredService<IMxResolver>());
        Assert.Same(provider.GetRequiredService<IMxResolver>(), provider.GetRequiredService<IMxResolver>());
    }

    [Fact]
    public void AddMailstromDelivery_KeepsAReplacementRegisteredFirst_AndIsSafeToCallTwice()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmtpTransport, ReplacementTransport>();

        services.AddMailstromDelivery().AddMailstromDelivery();

        Assert.Equal(typeof(ReplacementTransport), Single<ISmtpTransport>(services).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MailstromOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IDeliveryAgent));
        Assert.Single(services, d => d.ServiceType == typeof(Mailstrom.Delivery.MtaSts.IMtaStsPolicySource));
    }

    private static ServiceDescriptor Single<T>(IServiceCollection services) => Assert.Single(services, d => d.ServiceType == typeof(T));

    private sealed class ReplacementTransport : ISmtpTransport
    {
        public Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
