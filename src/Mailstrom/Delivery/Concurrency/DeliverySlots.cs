using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.Concurrency;

/// <summary>
/// How many delivery attempts may run at once in this process, in total (<c>Mailstrom:Delivery:MaxConcurrency</c>) and
/// per recipient domain (<c>MaxConcurrencyPerDomain</c>): the one place both limits are taken and given back, whichever
/// engine attempts the delivery. A <see cref="DeliverySlot"/> holds one of each until it is disposed.
/// </summary>
public sealed class DeliverySlots : IDisposable
{
    private readonly SemaphoreSlim _total;
    private readonly int _perDomain;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _domains = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the slots from the delivery settings.</summary>
    /// <param name="options">The delivery settings (<c>Mailstrom:Delivery</c>).</param>
    public DeliverySlots(IOptions<DeliveryOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.MaxConcurrency, options.Value.MaxConcurrencyPerDomain)
    {
    }

    /// <summary>Creates slots with explicit limits.</summary>
    /// <param name="total">Attempts at once in total.</param>
    /// <param name="perDomain">Attempts at once per domain.</param>
    public DeliverySlots(int total, int perDomain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perDomain, 1);
        _total = new SemaphoreSlim(total, total);
        _perDomain = perDomain;
    }

    /// <summary>Slots free in total now.</summary>
    public int FreeCount => _total.CurrentCount;

    /// <summary>The domains whose every slot is taken now.</summary>
    /// <returns>The saturated domains (empty when none is).</returns>
    public IReadOnlyCollection<string> SaturatedDomains()
    {
        List<string>? saturated = null;
        foreach (var (domain, slot) in _domains)
        {
            if (slot.CurrentCount == 0)
            {
                (saturated ??= []).Add(domain);
            }
        }

        return saturated ?? (IReadOnlyCollection<string>)[];
    }

    /// <summary>Completes once a slot is free in total (without taking it).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when a slot is free.</returns>
    public async Task WaitForFreeSlotAsync(CancellationToken cancellationToken)
    {
        await _total.WaitAsync(cancellationToken);
        _total.Release();
    }

    /// <summary>Takes a slot for <paramref name="domain"/> if one is free now, in total and for the domain.</summary>
    /// <param name="domain">The recipients' domain.</param>
    /// <returns>The slot (dispose it when the attempt is over), or <see langword="null"/> when none is free.</returns>
    public DeliverySlot? TryTake(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!_total.Wait(0))
        {
            return null;
        }

        var forDomain = Domain(domain);
        if (!forDomain.Wait(0))
        {
            _total.Release();
            return null;
        }

        return new DeliverySlot(_total, forDomain);
    }

    /// <summary>Takes a slot for <paramref name="domain"/>, waiting until one is free in total and for the domain.</summary>
    /// <param name="domain">The recipients' domain.</param>
    /// <param name="cancellationToken">Cancels the wait; nothing is held then.</param>
    /// <returns>The slot; dispose it when the attempt is over.</returns>
    public async Task<DeliverySlot> TakeAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var forDomain = Domain(domain);
        await forDomain.WaitAsync(cancellationToken);
        try
        {
            await _total.WaitAsync(cancellationToken);
        }
        catch
        {
            forDomain.Release();
            throw;
        }

        return new DeliverySlot(_total, forDomain);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _total.Dispose();
        foreach (var slot in _domains.Values)
        {
            slot.Dispose();
        }
    }

    private SemaphoreSlim Domain(string domain) => _domains.GetOrAdd(domain, _ => new SemaphoreSlim(_perDomain, _perDomain));
}

/// <summary>One delivery attempt's place in the total and per-domain limits; disposing it gives both back.</summary>
public sealed class DeliverySlot : IDisposable
{
    private SemaphoreSlim? _total;
    private SemaphoreSlim? _domain;

    internal DeliverySlot(SemaphoreSlim total, SemaphoreSlim domain)
    {
        _total = total;
        _domain = domain;
    }

    /// <summary>Gives the slot back (once; later calls do nothing).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _domain, null)?.Release();
        Interlocked.Exchange(ref _total, null)?.Release();
    }
}
