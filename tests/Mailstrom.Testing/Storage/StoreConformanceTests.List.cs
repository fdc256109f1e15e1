using System.Text;
using Mailstrom.Model;

namespace Mailstrom.Testing.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact(Timeout = Timeout)]
    public async Task ListAsync_NothingStored_ReturnsAnEmptyLastPage()
    {
        var page = await Store.ListAsync(new EmailQuery(), None);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_ReturnsNewestFirstWithFullStatusAndRecipients()
    {
        await CreateAsync("email-old", T0, recipients: 1);
        await CreateAsync("email-new", T0.AddMinutes(2), recipients: 3);
        await CreateAsync("email-mid", T0.AddMinutes(1), recipients: 2);

        var page = await Store.ListAsync(new EmailQuery(), None);

        Assert.Equal(["email-new", "email-mid", "email-old"], page.Items.Select(e => e.Id));
        Assert.Null(page.ContinuationToken);
        foreach (var listed in page.Items)
        {
            var single = await GetAsync(listed.Id);
            Assert.Equal(single with { Recipients = [] }, listed with { Recipients = [] });
            Assert.Equal(single.Recipients, listed.Recipients);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_ByRuntimeStatus_ReturnsOnlyThoseStates()
    {
        await CreateAsync("email-running", T0, recipients: 2);
        await Queue.ReleaseAsync(await ClaimAsync(T0), None);
        await CreateAsync("email-pending", T0.AddSeconds(1), recipients: 1);
        await CreateAsync("email-terminated", T0.AddSeconds(2), recipients: 1);
        await Store.TerminateAsync("email-terminated", null, T0.AddSeconds(3), None);

        var active = await Store.ListAsync(new EmailQuery { RuntimeStatuses = [RuntimeStatus.Pending, RuntimeStatus.Running] }, None);
        var terminated = await Store.ListAsync(new EmailQuery { RuntimeStatuses = [RuntimeStatus.Terminated] }, None);
        var completed = await Store.ListAsync(new EmailQuery { RuntimeStatuses = [RuntimeStatus.Completed] }, None);
        var everything = await Store.ListAsync(new EmailQuery { RuntimeStatuses = [] }, None);

        Assert.Equal(["email-pending", "email-running"], active.Items.Select(e => e.Id));
        Assert.Equal(["email-terminated"], terminated.Items.Select(e => e.Id));
        Assert.Empty(completed.Items);
        Assert.Equal(3, everything.Items.Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_ByCreatedTime_IncludesBothBounds()
    {
        for (var minute = 0; minute < 5; minute++)
        {
            await CreateAsync($"email-{minute}", T0.AddMinutes(minute), recipients: 1);
        }

        var page = await Store.ListAsync(new EmailQuery { CreatedTimeFrom = T0.AddMinutes(1), CreatedTimeTo = T0.AddMinutes(3) }, None);
        var fromOnly = await Store.ListAsync(new EmailQuery { CreatedTimeFrom = T0.AddMinutes(4) }, None);
        var toOnly = await Store.ListAsync(new EmailQuery { CreatedTimeTo = T0 }, None);

        Assert.Equal(["email-3", "email-2", "email-1"], page.Items.Select(e => e.Id));
        Assert.Equal(["email-4"], fromOnly.Items.Select(e => e.Id));
        Assert.Equal(["email-0"], toOnly.Items.Select(e => e.Id));
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_WithContinuationTokens_WalksEveryPageOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"email-{i}", T0.AddMinutes(i), recipients: 1);
        }

        var pages = await ReadAllPagesAsync(new EmailQuery { Top = 2 });

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(["email-4", "email-3", "email-2", "email-1", "email-0"], pages.SelectMany(p => p));
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_PagingThroughEqualCreatedTimes_ReturnsEachEmailOnce()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateAsync($"email-{i}", T0, recipients: 1);
        }

        var pages = await ReadAllPagesAsync(new EmailQuery { Top = 3 });

        Assert.Equal(7, pages.Sum(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"email-{i}").Order(), pages.SelectMany(p => p).Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_FilterWithPaging_KeepsTheFilterOnEveryPage()
    {
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync($"email-{i}", T0.AddMinutes(i), recipients: 1);
            if (i % 2 == 0)
            {
                await Store.TerminateAsync($"email-{i}", null, T0.AddMinutes(i), None);
            }
        }

        var pages = await ReadAllPagesAsync(new EmailQuery { Top = 2, RuntimeStatuses = [RuntimeStatus.Terminated] });

        Assert.Equal(["email-4", "email-2", "email-0"], pages.SelectMany(p => p));
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_TopOutOfRange_IsClampedToOneThroughMaxTop()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync($"email-{i}", T0.AddMinutes(i), recipients: 1);
        }

        var tooSmall = await Store.ListAsync(new EmailQuery { Top = 0 }, None);
        var tooLarge = await Store.ListAsync(new EmailQuery { Top = int.MaxValue }, None);

        Assert.Equal(["email-2"], tooSmall.Items.Select(e => e.Id));
        Assert.NotNull(tooSmall.ContinuationToken);
        Assert.Equal(3, tooLarge.Items.Count);
        Assert.Null(tooLarge.ContinuationToken);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("not a token!")]
    [InlineData("%%%")]
    [InlineData("bm90LWEtdG9rZW4")]
    public async Task ListAsync_MalformedContinuationToken_ThrowsInvalidContinuationToken(string token)
    {
        await CreateAsync("email-1", T0, recipients: 1);

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(
            () => Store.ListAsync(new EmailQuery { ContinuationToken = token }, None));
    }

    [Fact(Timeout = Timeout)]
    public async Task ListAsync_TokenThatIsBase64OfGarbage_ThrowsInvalidContinuationToken()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("|||"));

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(
            () => Store.ListAsync(new EmailQuery { ContinuationToken = token }, None));
    }

    private async Task<List<List<string>>> ReadAllPagesAsync(EmailQuery query)
    {
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await Store.ListAsync(query with { ContinuationToken = token }, None);
            pages.Add(page.Items.Select(e => e.Id).ToList());
            token = page.ContinuationToken;
            Assert.True(pages.Count <= 100, "Paging did not end.");
        }
        while (token is not null);

        return pages;
    }
}
