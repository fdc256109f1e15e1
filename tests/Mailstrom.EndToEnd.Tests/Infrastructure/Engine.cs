namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>The engine an end-to-end test runs on; every delivery test runs on each.</summary>
public enum Engine
{
    /// <summary>The native engine: the delivery worker over the embedded SQLite file.</summary>
    Native,

    /// <summary>The Durable engine: one orchestration per email on an Azure Storage task hub on the rig's Azurite.</summary>
    Durable,
}

/// <summary>The settings that put the server on an engine, with a store or task hub of its own.</summary>
public static class EngineSettings
{
    /// <summary>A new store for <paramref name="engine"/>: a SQLite file path, or a task hub name.</summary>
    public static string NewStore(Engine engine) => engine == Engine.Native
        ? Path.Combine(Path.GetTempPath(), "mailstrom-e2e", $"{Guid.NewGuid():N}.db")
        : $"e2e{Guid.NewGuid():N}"[..24];

    /// <summary>The settings that run the server on <paramref name="engine"/> over <paramref name="store"/>.</summary>
    public static Dictionary<string, string> For(Engine engine, string store)
    {
        if (engine == Engine.Native)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(store)!);
            return new()
            {
                ["Mailstrom:Engine"] = "Native",
                ["Mailstrom:Storage:Sqlite:Path"] = store,
            };
        }

        return new()
        {
            ["Mailstrom:Engine"] = "Durable",
            ["Mailstrom:Durable:ConnectionString"] = MailstromLab.Rig.Get("AZURITE_CONNECTION_STRING"),
            ["Mailstrom:Durable:TaskHub"] = store,

            // The rig's Azurite is shared by every test: each task hub keeps its own suppression list, so one test's
            // rejections never refuse another test's recipients without an attempt.
            ["Mailstrom:Durable:SuppressionContainer"] = $"suppressions-{store}",
            ["Mailstrom:Durable:MaxPollingInterval"] = "00:00:00.500",
            ["Mailstrom:Durable:MessageVisibilityTimeout"] = "00:00:10",
        };
    }
}
