using Mailstrom.Functions.Apis;
using Mailstrom.Functions.Configuration;
using Mailstrom.Functions.FunctionsHost;
using Mailstrom.Functions.Security;

var builder = WebApplication.CreateBuilder(args);

var functionsHost = builder.UseCustomHandlerModeWhenHosted();
builder.AddMailstromWithStorage();
builder.Services.AddFunctionKeys();
builder.Services.AddProblemDetails();
builder.Services.AddEmailsApiDocument();
builder.Services.AddSingleton<EmailsApiServices>();

var app = builder.Build();

if (functionsHost.IsCustomHandler)
{
    app.UseForwardedHeaders();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().RequireAuthorization(FunctionKeyDefaults.PolicyName);
app.MapHealthApi();
app.MapEmailsApi();
if (functionsHost.IsCustomHandler)
{
    app.MapFunctionsHostTriggers();
}

app.Run();

/// <summary>The function app's entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
