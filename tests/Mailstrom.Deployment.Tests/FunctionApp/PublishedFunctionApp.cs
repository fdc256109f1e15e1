using System.Text.Json;
using Mailstrom.Deployment.Tests.Infrastructure;

namespace Mailstrom.Deployment.Tests.FunctionApp;

/// <summary>
/// <c>src/Mailstrom.Functions</c> published once, as <c>eng/deploy.sh</c> publishes it (<c>dotnet publish -c Release</c>,
/// framework-dependent), into a temporary folder, with warnings as errors.
/// </summary>
public sealed class PublishedFunctionApp : IAsyncLifetime
{
    /// <summary>The publish folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("mailstrom-functions-publish").FullName;

    /// <summary>What <c>dotnet publish</c> returned.</summary>
    internal CommandResult Publish { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        Publish = await CommandLine.RunAsync(
            "dotnet",
            ["publish", RepositoryPaths.Combine("src", "Mailstrom.Functions", "Mailstrom.Functions.csproj"), "-c", "Release", "-o", Folder,
             "-warnaserror", "-nologo", "--disable-build-servers"],
            timeout: TimeSpan.FromMinutes(10));
        Assert.True(Publish.ExitCode == 0, $"dotnet publish failed: {Publish}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A file of the publish folder.</summary>
    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>A JSON file of the publish folder.</summary>
    public JsonElement Json(string file)
    {
        Assert.True(File.Exists(PathOf(file)), $"the publish folder has no {file}");
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return document.RootElement.Clone();
    }
}
