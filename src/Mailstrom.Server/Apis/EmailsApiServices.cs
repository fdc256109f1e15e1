using Mailstrom.Http.Emails;

namespace Mailstrom.Server.Apis;

/// <summary>
/// What the emails API's routes need, in one singleton so that a request resolves one service: the engine and the
/// shared handlers.
/// </summary>
/// <param name="mailstrom">The engine.</param>
/// <param name="handlers">The handlers shared with the Functions app.</param>
internal sealed class EmailsApiServices(IMailstrom mailstrom, EmailsHandlers handlers)
{
    public IMailstrom Mailstrom { get; } = mailstrom;

    public EmailsHandlers Handlers { get; } = handlers;
}
