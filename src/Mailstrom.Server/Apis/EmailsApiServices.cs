using Mailstrom.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Apis;

/// <summary>
/// The services the emails API's handlers use: one singleton, so a request resolves one service instead of three.
/// </summary>
/// <param name="mailstrom">Reads and manages accepted email.</param>
/// <param name="options">The engine settings (size limits).</param>
/// <param name="logger">The API's logger.</param>
internal sealed class EmailsApiServices(
    IMailstrom mailstrom,
    IOptions<MailstromOptions> options,
    ILogger<EmailsApiServices> logger)
{
    public IMailstrom Mailstrom { get; } = mailstrom;

    public IOptions<MailstromOptions> Options { get; } = options;

    public ILogger<EmailsApiServices> Logger { get; } = logger;
}
