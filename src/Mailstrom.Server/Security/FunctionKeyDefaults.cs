namespace Mailstrom.Server.Security;

/// <summary>Names used by function-key authentication.</summary>
public static class FunctionKeyDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string AuthenticationScheme = "FunctionKey";

    /// <summary>The authorization policy every API endpoint requires.</summary>
    public const string PolicyName = "FunctionKey";

    /// <summary>The request header that carries a key (as in Azure Functions).</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter that carries a key (as in Azure Functions).</summary>
    public const string QueryName = "code";
}
