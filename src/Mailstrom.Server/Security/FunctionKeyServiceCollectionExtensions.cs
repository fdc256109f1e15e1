using Mailstrom.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Security;

/// <summary>Registers function-key authentication.</summary>
internal static class FunctionKeyServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core's request start and finish lines (Information) carry the full URL, query string included, and so
    /// the <c>code</c> key. They are written at Warning and above only, whatever <c>Logging:LogLevel</c> says for
    /// <c>Microsoft.AspNetCore</c>; request logging without the query string is <c>UseHttpLogging()</c>'s default.
    /// </summary>
    internal const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Binds <c>Mailstrom:Api</c>, and adds the <see cref="FunctionKeyDefaults.AuthenticationScheme"/> scheme and the
    /// <see cref="FunctionKeyDefaults.PolicyName"/> policy that API endpoints require. Keeps the request lines that would
    /// log a <c>code</c> key out of the logs (<see cref="HostingDiagnosticsCategory"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFunctionKeys(this IServiceCollection services)
    {
        // Applied after the configuration's rules, so it wins over a broader Microsoft.AspNetCore level.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning));
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<FunctionKeyVerifier>();
        services.AddHostedService<FunctionKeyStartupCheck>();

        services.AddAuthentication(FunctionKeyDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, FunctionKeyAuthenticationHandler>(FunctionKeyDefaults.AuthenticationScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(FunctionKeyDefaults.PolicyName, policy => policy
                .AddAuthenticationSchemes(FunctionKeyDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
        return services;
    }
}
