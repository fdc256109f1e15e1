using Mailstrom.Server.Tests.Infrastructure;
using Mailstrom.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailstrom.Server.Tests.Apis;

public sealed class ErrorHandlingTests
{
    [Fact]
    public async Task UnhandledFailure_Is500ProblemWithoutInternals_NotA404()
    {
        using var app = ServerApp.Create(services: s => s.Replace(ServiceDescriptor.Singleton<IMailstrom, FailingMailstrom>()));
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync($"/api/emails/{Guid.CreateVersion7():N}");

        var problem = await Api.AssertProblemAsync(response, 500);
        var text = problem.GetRawText();
        Assert.DoesNotContain(FailingMailstrom.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("FailingMailstrom", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private sealed class FailingMailstrom : IMailstrom
    {
        public const string Secret = "database password is hunter2";

        public Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) => throw Failure();

        public Task<string> SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken = default) => throw Failure();

        public Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default) => throw Failure();

        public Task<SendResult> SendAsync(MimeKit.MimeMessage message, SendOptions options, CancellationToken cancellationToken = default) => throw Failure();

        public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default) => throw Failure();

        public Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default) => throw Failure();

        public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default) => throw Failure();

        public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default) => throw Failure();

        public Task<Mailstrom.Suppression.SuppressionPage> ListSuppressionsAsync(Mailstrom.Suppression.SuppressionQuery query, CancellationToken cancellationToken = default) => throw Failure();

        public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) => throw Failure();

        private static InvalidOperationException Failure() => new(Secret);
    }
}
