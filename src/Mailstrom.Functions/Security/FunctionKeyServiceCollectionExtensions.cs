using Mailstrom.Functions.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Security;

/// <summary>Registers function-key authentication.</summary>
internal static class FunctionKeyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Mailstrom:Api</c>, and adds the <see cref="FunctionKeyDefaults.AuthenticationScheme"/> scheme and the
    /// <see cref="FunctionKeyDefaults.PolicyName"/> policy that API endpoints require.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddFunctionKeys(this IServiceCollection services)
    {
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
