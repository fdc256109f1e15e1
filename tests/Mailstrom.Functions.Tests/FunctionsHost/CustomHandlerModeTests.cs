using Mailstrom.Functions.FunctionsHost;
using Microsoft.Extensions.Configuration;

namespace Mailstrom.Functions.Tests.FunctionsHost;

public sealed class CustomHandlerModeTests
{
    [Theory]
    [InlineData(null, "mailstrom-work")]
    [InlineData("tenant7", "tenant7-work")]
    public void TriggerMismatch_WhenTheTriggerWatchesTheStoresWorkQueue_IsNone(string? prefix, string queue)
    {
        Assert.Null(CustomHandlerMode.TriggerMismatch(Configuration(("MailstromWorkQueue", queue), ("Mailstrom:Storage:AzureStorage:NamePrefix", prefix))));
    }

    [Fact]
    public void TriggerMismatch_WithoutTheQueueSetting_SaysWhatToSet()
    {
        Assert.Equal(
            "The deliver function is triggered by the queue named in the MailstromWorkQueue app setting; set it to 'mailstrom-work' " +
            "(the store's work queue, from Mailstrom:Storage:AzureStorage:NamePrefix).",
            CustomHandlerMode.TriggerMismatch(Configuration()));
    }

    [Fact]
    public void TriggerMismatch_WithAnotherQueue_NamesBoth()
    {
        var problem = CustomHandlerMode.TriggerMismatch(Configuration(("MailstromWorkQueue", "mailstrom-work"), ("Mailstrom:Storage:AzureStorage:NamePrefix", "tenant7")));
        Assert.EndsWith("set it to 'tenant7-work' (the store's work queue, from Mailstrom:Storage:AzureStorage:NamePrefix), not 'mailstrom-work'.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TriggerMismatch_WhenTheStoreUsesAnotherAccount_SaysSoWithoutTheSecrets()
    {
        var problem = CustomHandlerMode.TriggerMismatch(Configuration(
            ("MailstromWorkQueue", "mailstrom-work"),
            ("AzureWebJobsStorage", "AccountName=host;AccountKey=hostsecret"),
            ("Mailstrom:Storage:AzureStorage:ConnectionString", "AccountName=other;AccountKey=othersecret")));

        Assert.NotNull(problem);
        Assert.Contains("AzureWebJobsStorage", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TriggerMismatch_WhenTheStoreNamesTheHostsAccount_IsNone()
    {
        Assert.Null(CustomHandlerMode.TriggerMismatch(Configuration(
            ("MailstromWorkQueue", "mailstrom-work"),
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("Mailstrom:Storage:AzureStorage:ConnectionString", "UseDevelopmentStorage=true"))));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
