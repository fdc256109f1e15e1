using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Mailstrom.Http.Problems;
using Mailstrom.Server.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Security;

/// <summary>
/// Authenticates a caller by function key: the <c>x-functions-key</c> header, else the <c>code</c> query parameter.
/// With no key configured, only loopback clients are served (a missing remote address counts as remote). As an Azure
/// Functions custom handler the host has checked the key already: every loopback request (the host's) is served and
/// the configured keys are not consulted. A refusal is <c>401</c> problem details that never say which part was wrong.
/// </summary>
internal sealed class FunctionKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    FunctionKeyVerifier verifier,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string Refusal =
        "A valid function key is required, in the x-functions-key header or the code query parameter.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!verifier.HasKeys)
        {
            return Task.FromResult(IsLoopback(Context.Connection.RemoteIpAddress)
                ? Success("loopback")
                : AuthenticateResult.Fail("No function key is configured and the client is not on loopback."));
        }

        string? presented = Request.Headers[FunctionKeyDefaults.HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = Request.Query[FunctionKeyDefaults.QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(verifier.IsValid(presented)
            ? Success("function-key")
            : AuthenticateResult.Fail("The function key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Log.RequestUnauthorized(Logger, Request.Method, Request.Path.Value);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var (type, title) = ApiProblem.Describe(StatusCodes.Status401Unauthorized);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = type,
                Title = title,
                Detail = Refusal,
            },
        });
    }

    private static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    private AuthenticateResult Success(string method)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.AuthenticationMethod, method)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
