using Mailstrom.Functions.Diagnostics;
using Mailstrom.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpFailureMiddleware>();
builder.UseMiddleware<AllowedHostsMiddleware>();
builder.Services.AddMailstromFunctionsApp();
builder.AddMailstromTelemetry();

builder.Build().Run();
