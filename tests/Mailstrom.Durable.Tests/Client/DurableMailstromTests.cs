using Mailstrom.Composition;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Durable.Tests.Client;

public sealed class DurableMailstromTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Send_CommitsTheContentAndSchedulesOneInstanceNamedByTheEmailId_WithASmallInput()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());
        var email = DurableTestEngine.Email("a@a.test");
        email.Attachments = [new AttachmentRequest { FileName = "big.bin", Content = Convert.ToBase64String(new byte[200_000]) }];

        var id = await engine.Mailstrom.SendAsync(email);
        var instance = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.True(EmailIds.IsWellFormed(id));
        Assert.NotNull(instance);
        Assert.Equal(DurableTaskNames.SendEmail, instance.Name);
        Assert.NotNull(await engine.Content.GetAsync(id, CancellationToken.None));
        Assert.True(instance.SerializedInput!.Length < 2_000, $"the input is {instance.SerializedInput.Length} characters: the content must not travel in it");
        var input = instance.ReadInputAs<SendEmailInput>()!;
        Assert.Equal(id, input.EmailId);
        Assert.Equal($"{id}@mailstrom.test", input.Summary.MessageId);
        Assert.Equal(TimeSpan.FromSeconds(1), input.Retry.InitialDelay);
    }

    [Fact]
    public async Task Send_InvalidEmail_ThrowsNamingTheField_AndStoresNothing()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());

        var error = await Assert.ThrowsAsync<EmailValidationException>(() => engine.Mailstrom.SendAsync(DurableTestEngine.Email("not an address")));

        Assert.StartsWith("to", error.Field, StringComparison.Ordinal);
        Assert.Equal(0, engine.Content.Count);
        Assert.Empty((await engine.Mailstrom.ListAsync(new EmailQuery())).Items);
    }

    [Fact]
    public async Task Send_SameKeyAndSameEmail_ReturnsTheFirstId_AndStartsNothingNew()
    {
        var agent = new ScriptedDeliveryAgent();
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var options = new SendOptions { IdempotencyKey = "order-42" };

        var first = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options);
        await engine.WaitUntilTerminalAsync(first.Id, Within);
        var second = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Id, second.Id);
        Assert.Single(agent.Calls);
    }

    [Fact]
    public async Task Send_SameKeyAndAnotherEmail_IsAConflict_AndStartsNothing()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());
        var options = new SendOptions { IdempotencyKey = "order-43" };
        await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options);

        await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Mailstrom.SendAsync(DurableTestEngine.Email("b@a.test"), options));

        Assert.Single((await engine.Mailstrom.ListAsync(new EmailQuery())).Items);
    }

    [Fact]
    public async Task Send_SameKeyConcurrently_StartsOneEmail_AndEveryCallerGetsItsId()
    {
        var agent = new ScriptedDeliveryAgent();
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var options = new SendOptions { IdempotencyKey = "burst" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options)));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => !r.Replayed);
        await engine.WaitUntilTerminalAsync(results[0].Id, Within);
        Assert.Single(agent.Calls);
    }

    [Fact]
    public async Task Send_SameKeyWithTwoEmailsConcurrently_StartsOnlyOne_WithItsOwnContent_AndRefusesTheOther()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());
        var options = new SendOptions { IdempotencyKey = "contested" };

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                return (Body: i % 2, Result: (SendResult?)await engine.Mailstrom.SendAsync(DurableTestEngine.Email(i % 2 == 0 ? "even@a.test" : "odd@a.test"), options));
            }
            catch (IdempotencyConflictException)
            {
                return (Body: i % 2, Result: null);
            }
        }));

        var accepted = attempts.Where(a => a.Result is not null).ToList();
        var winner = Assert.Single(accepted.Select(a => a.Body).Distinct());
        Assert.Equal(4, accepted.Count);
        Assert.All(attempts.Where(a => a.Body != winner), a => Assert.Null(a.Result));
        var id = accepted[0].Result!.Id;
        var content = System.Text.Encoding.ASCII.GetString((await engine.Content.GetAsync(id, CancellationToken.None))!.Value.Span);
        var instance = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var address = winner == 0 ? "even@a.test" : "odd@a.test";
        Assert.Contains($"To: {address}", content, StringComparison.Ordinal);
        Assert.Equal(address, Assert.Single(instance!.ReadInputAs<SendEmailInput>()!.Recipients).Address);
    }

    [Fact]
    public async Task Purge_ATerminalEmail_DeletesItsInstanceAndContent()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());
        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"));
        await engine.WaitUntilTerminalAsync(id, Within);

        Assert.True(await engine.Mailstrom.PurgeAsync(id));

        Assert.Null(await engine.Mailstrom.GetStatusAsync(id));
        Assert.Null(await engine.Content.GetAsync(id, CancellationToken.None));
        Assert.False(await engine.Mailstrom.PurgeAsync(id));
    }

    [Fact]
    public async Task Purge_AnEmailSentWithAKey_KeepsAnsweringTheKey_NeverSendingAgain()
    {
        var agent = new ScriptedDeliveryAgent();
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var options = new SendOptions { IdempotencyKey = "order-44" };
        var first = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options);
        await engine.WaitUntilTerminalAsync(first.Id, Within);
        Assert.True(await engine.Mailstrom.PurgeAsync(first.Id));

        var retry = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options);
        var other = await Record.ExceptionAsync(() => engine.Mailstrom.SendAsync(DurableTestEngine.Email("b@a.test"), options));

        Assert.Equal(new SendResult(first.Id, Replayed: true), retry);
        Assert.Null(await engine.Mailstrom.GetStatusAsync(first.Id));
        Assert.IsType<IdempotencyConflictException>(other);
        Assert.Single(agent.Calls);
    }

    [Fact]
    public async Task Purge_AnEmailStillDeferred_StopsItFirst_ThenDeletesIt()
    {
        var agent = new ScriptedDeliveryAgent().On("later.test", (_, _) => ScriptedDeliveryAgent.Deferred);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.InitialDelay = o.Retry.MaxDelay = TimeSpan.FromMinutes(5));
        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@later.test"));
        await Mailstrom.Testing.Processes.Polling.UntilAsync(
            async () => (await engine.Mailstrom.GetStatusAsync(id))!.Recipients[0].Status == DeliveryStatus.Deferred, Within, "a deferral");

        Assert.True(await engine.Mailstrom.PurgeAsync(id));

        Assert.Null(await engine.Mailstrom.GetStatusAsync(id));
    }

    [Fact]
    public async Task UnknownOrMalformedIds_AreNotFound()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent());
        var unknown = EmailIds.New();

        Assert.Null(await engine.Mailstrom.GetStatusAsync(unknown));
        Assert.Null(await engine.Mailstrom.GetStatusAsync("../../etc/passwd"));
        Assert.Equal(TerminateResult.NotFound, await engine.Mailstrom.TerminateAsync(unknown, null));
        Assert.False(await engine.Mailstrom.PurgeAsync(unknown));
    }

    [Fact]
    public async Task List_FiltersByStatus_PagesWithTheToken_AndNeverListsPagesOfLargeEmails()
    {
        var agent = new ScriptedDeliveryAgent().Hold("held.test");
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var done = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            done.Add(await engine.Mailstrom.SendAsync(DurableTestEngine.Email($"r{i}@a.test")));
        }

        var large = await engine.Mailstrom.SendAsync(DurableTestEngine.Email([.. Enumerable.Range(0, RecipientPages.Size + 1).Select(i => $"r{i}@b.test")]));
        var held = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@held.test"));
        foreach (var id in done.Append(large))
        {
            await engine.WaitUntilTerminalAsync(id, Within);
        }

        var running = await engine.Mailstrom.ListAsync(new EmailQuery { RuntimeStatuses = [RuntimeStatus.Running, RuntimeStatus.Pending] });
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await engine.Mailstrom.ListAsync(new EmailQuery { Top = 2, ContinuationToken = token });
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(e => e.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);
        agent.Release("held.test");

        Assert.Equal([held], running.Items.Select(e => e.Id));
        Assert.Equal(done.Append(large).Append(held).Order(), seen.Order());
        Assert.Equal(RecipientPages.Size + 1, (await engine.Mailstrom.GetStatusAsync(large))!.Recipients.Count);
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => engine.Mailstrom.ListAsync(new EmailQuery { ContinuationToken = "not-a-token" }));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => engine.Mailstrom.ListAsync(new EmailQuery { ContinuationToken = ContinuationTokens.Encode("d1", "{\"garbage\":") }));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => engine.Mailstrom.ListAsync(new EmailQuery { ContinuationToken = ContinuationTokens.Encode("s1", "1|a") }));
    }
}
