using Microsoft.AspNetCore.Diagnostics;

namespace Mailstrom.Server.Problems;

/// <summary>Registers how failures are answered: RFC 9457 problem details, the client's faults as 4xx.</summary>
internal static class ProblemsServiceCollectionExtensions
{
    /// <summary>
    /// Adds problem details for every error response, and the <see cref="RequestFaultExceptionHandler"/> that answers
    /// client faults with their 4xx (diagnostics for exceptions it handles are not recorded: they are not errors of the
    /// server's). <c>UseExceptionHandler()</c> answers anything else with 500 and logs it as an error.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<RequestFaultExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback =
            context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService);
        return services;
    }
}
