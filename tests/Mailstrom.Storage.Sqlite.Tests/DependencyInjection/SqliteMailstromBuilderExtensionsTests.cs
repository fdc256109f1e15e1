using Mailstrom.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.Sqlite.Tests.DependencyInjection;

public sealed class SqliteMailstromBuilderExtensionsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public void UseSqlite_WithPath_RegistersOneStoreBehindBothContracts()
    {
        var builder = new TestBuilder();

        builder.UseSqlite(_database.Path);
        using var services = builder.Services.BuildServiceProvider();

        var store = services.GetRequiredService<SqliteMailstromStore>();
        Assert.Same(store, services.GetRequiredService<IEmailStore>());
        Assert.Same(store, services.GetRequiredService<IDeliveryQueue>());
        Assert.Equal(Path.GetFullPath(_database.Path), store.FilePath);
    }

    [Fact]
    public void UseSqlite_CalledTwice_TheLaterPathWinsAndOneStoreIsRegistered()
    {
        var builder = new TestBuilder();
        var otherPath = Path.Combine(_database.Directory, "other.db");

        builder.UseSqlite(_database.Path).UseSqlite(otherPath);
        using var services = builder.Services.BuildServiceProvider();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(IEmailStore));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IDeliveryQueue));
        Assert.Equal(otherPath, services.GetRequiredService<SqliteMailstromStore>().FilePath);
    }

    [Fact]
    public void UseSqlite_WithOptions_AppliesThem()
    {
        var builder = new TestBuilder();

        builder.UseSqlite(options =>
        {
            options.Path = _database.Path;
            options.BusyTimeout = TimeSpan.FromSeconds(9);
        });
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(9), services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.BusyTimeout);
        Assert.Equal(_database.Path, services.GetRequiredService<SqliteMailstromStore>().FilePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void UseSqlite_BlankPath_ThrowsArgumentException(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TestBuilder().UseSqlite(path));
    }

    [Fact]
    public void UseSqlite_OptionsWithoutPath_FailValidationWithAnActionableMessage()
    {
        var builder = new TestBuilder();

        builder.UseSqlite(options => options.BusyTimeout = TimeSpan.Zero);
        using var services = builder.Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IEmailStore>());
        Assert.Contains(ex.Failures, f => f.Contains("SqliteStorageOptions.Path is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("SqliteStorageOptions.BusyTimeout must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseSqlite_ResolvedStore_CreatesTheFileOnFirstUse()
    {
        var builder = new TestBuilder();
        builder.UseSqlite(_database.Path);
        await using var services = builder.Services.BuildServiceProvider();

        await services.GetRequiredService<IDeliveryQueue>().GetNextDueTimeAsync(CancellationToken.None);

        Assert.True(File.Exists(_database.Path));
    }

    private sealed class TestBuilder : IMailstromBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();
    }
}
