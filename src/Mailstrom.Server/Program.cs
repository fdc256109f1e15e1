using Mailstrom.Http.Emails;
using Mailstrom.Server.Apis;
using Mailstrom.Server.Configuration;
using Mailstrom.Server.Hosts;
using Mailstrom.Server.Problems;
using Mailstrom.Server.Security;
using Mailstrom.Server.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.UseDefaultUrlWhenUnset();
builder.AddMailstromEngine();
builder.AddMailstromTelemetry();
builder.Services.AddFunctionKeys();
builder.Services.AddAllowedHosts();
builder.Services.AddApiProblems();
builder.Services.AddEmailsApiDocument();
builder.Services.AddEmailsHandlers();
builder.Services.AddSingleton<EmailsApiServices>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAllowedHosts();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().RequireAuthorization(FunctionKeyDefaults.PolicyName);
app.MapHealthApi();
app.MapEmailsApi();
app.MapSuppressionsApi();
app.MapPrometheusEndpoint();

app.Run();

/// <summary>The server's entry point, public so that tests can host it.</summary>
public partial class Program;
