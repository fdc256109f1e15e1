using System.Net;
using System.Text;
using Mailstrom.Cli.Api;

namespace Mailstrom.Cli.Errors;

/// <summary>Turns an unsuccessful answer of the API into the message and exit code the user sees.</summary>
internal static class ApiFailures
{
    /// <summary>The failure for an answer.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="problem">The problem details, when the body was one.</param>
    /// <param name="endpoint">The server asked, for the message.</param>
    /// <returns>The exception to throw.</returns>
    public static CliException For(HttpStatusCode status, ApiProblem? problem, ServerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var code = (int)status;
        var phrase = $"{code} {Phrase(status, problem)}";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized, endpoint.KeySource is null
                ? $"The server at {endpoint.Display} needs a key ({phrase}): pass --key or set {ServerEndpoint.KeyVariable}."
                : $"The server at {endpoint.Display} refused the key from {endpoint.KeySource} ({phrase}): it is wrong or was revoked."),
            HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, Describe($"Not found ({phrase})", problem)),
            _ when code >= 500 => CliException.Unavailable(Describe($"The server at {endpoint.Display} failed ({phrase})", problem)),
            _ when code >= 400 => new CliException(ExitCodes.Refused, Describe($"The server refused the request ({phrase})", problem)),
            _ => CliException.Unavailable(
                $"The server at {endpoint.Display} answered {phrase}, which this API never does: is the URL a Mailstrom server?"),
        };
    }

    private static string Describe(string headline, ApiProblem? problem)
    {
        var text = new StringBuilder(headline);
        if (!string.IsNullOrWhiteSpace(problem?.Detail))
        {
            text.Append(": ").Append(problem.Detail);
        }

        if (!string.IsNullOrWhiteSpace(problem?.Field))
        {
            text.Append(Environment.NewLine).Append("Field: ").Append(problem.Field);
        }

        return text.ToString();
    }

    private static string Phrase(HttpStatusCode status, ApiProblem? problem)
    {
        if (!string.IsNullOrWhiteSpace(problem?.Title) && problem.Title.Length <= 40)
        {
            return problem.Title;
        }

        if (!Enum.IsDefined(status))
        {
            return "error";
        }

        // "UnsupportedMediaType" -> "Unsupported Media Type"
        var name = status.ToString();
        var phrase = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && phrase.Length > 0)
            {
                phrase.Append(' ');
            }

            phrase.Append(c);
        }

        return phrase.ToString();
    }
}
