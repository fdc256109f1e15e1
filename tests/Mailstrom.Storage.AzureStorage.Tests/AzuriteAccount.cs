using Mailstrom.Testing.Rig;

namespace Mailstrom.Storage.AzureStorage.Tests;

/// <summary>
/// A unique name prefix on the Azurite account of the rig (or of <c>MAILSTROM_AZURITE_CONNECTION_STRING</c>), so tests
/// run in parallel without sharing anything; <see cref="DeleteAsync"/> removes every table, queue and container made.
/// </summary>
internal sealed class AzuriteAccount
{
    public const string ConnectionStringVariable = "MAILSTROM_AZURITE_CONNECTION_STRING";

    public AzuriteAccount()
    {
        ConnectionString = ResolveConnectionString();
        Prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    }

    public string ConnectionString { get; }

    public string Prefix { get; }

    public AzureStorageOptions Options(Action<AzureStorageOptions>? configure = null)
    {
        var options = new AzureStorageOptions { ConnectionString = ConnectionString, NamePrefix = Prefix };
        configure?.Invoke(options);
        return options;
    }

    public AzureStorageMailstromStore Open(Action<AzureStorageOptions>? configure = null, TimeProvider? timeProvider = null) =>
        new(Options(configure), timeProvider);

    public async Task DeleteAsync()
    {
        using var store = Open();
        await Task.WhenAll(
            store.Emails.DeleteAsync(),
            store.Listing.DeleteAsync(),
            store.Active.DeleteAsync(),
            store.Keys.DeleteAsync(),
            store.WorkQueue.DeleteIfExistsAsync(),
            store.PoisonQueue.DeleteIfExistsAsync(),
            store.Content.DeleteIfExistsAsync());
    }

    private static string ResolveConnectionString()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        try
        {
            return RigEnvironment.Current.Get("AZURITE_CONNECTION_STRING");
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"No Azurite to test against: start the rig (eng/rig/install.sh, then eng/rig/start.sh) or set {ConnectionStringVariable}. " +
                ex.Message, ex);
        }
    }
}
