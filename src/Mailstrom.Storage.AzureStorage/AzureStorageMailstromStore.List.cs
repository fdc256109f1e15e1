using Azure;
using Azure.Data.Tables;
using Mailstrom.Model;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Listing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Index rows read per listing call at most, so a filter that matches little cannot scan without end.</summary>
    private const int MaxListingScan = 5000;

    /// <summary>Email partitions read in parallel while listing.</summary>
    private const int ListingReadConcurrency = 16;

    /// <inheritdoc />
    /// <remarks>
    /// Walks the listing index (newest first) within the created-time bounds and reads each email's partition; the
    /// runtime-status filter is applied to that state. A call reads at most 5000 index rows: when a rare filter needs
    /// more, the page comes back short with a continuation token that resumes the scan.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The continuation token is malformed.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is { } token ? ContinuationToken.Decode(token, nameof(query)) : null;
        await EnsureCreatedAsync(cancellationToken);
        var top = Math.Clamp(query.Top, 1, EmailQuery.MaxTop);
        var statuses = query.RuntimeStatuses is { Count: > 0 } s ? s.ToHashSet() : null;

        var items = new List<EmailStatus>(top);
        string? resumeAfter = null;
        var scanned = 0;
        var more = false;
        var pages = Listing.QueryAsync<ListingEntity>(Filter(query, after), maxPerPage: Math.Min(top + 1, 1000), cancellationToken: cancellationToken);
        await foreach (var page in pages.AsPages())
        {
            foreach (var chunk in page.Values.Chunk(ListingReadConcurrency))
            {
                var partitions = await Task.WhenAll(chunk.Select(row => LoadAsync(row.EmailId, cancellationToken)));
                for (var i = 0; i < chunk.Length && !more; i++)
                {
                    scanned++;
                    var status = partitions[i] is { } partition ? EmailState.ToStatus(partition.Email, partition.Recipients) : null;
                    if (status is not null && (statuses is null || statuses.Contains(status.RuntimeStatus)))
                    {
                        if (items.Count == top)
                        {
                            more = true;
                            break;
                        }

                        items.Add(status);
                    }

                    resumeAfter = chunk[i].RowKey;
                }

                if (more)
                {
                    break;
                }
            }

            if (more || (scanned >= MaxListingScan && page.ContinuationToken is not null))
            {
                more = true;
                break;
            }
        }

        return new EmailPage(items, more && resumeAfter is not null ? TokenOf(resumeAfter) : null);
    }

    private static string Filter(EmailQuery query, ContinuationToken? after)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {ListingEntity.Partition}") };
        if (query.CreatedTimeTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {ListingEntity.Inverted(to.UtcTicks)}"));
        }

        if (query.CreatedTimeFrom is { } from)
        {
            // Rows created at 'from' start with its inverted ticks; the next smaller time starts with one more.
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {ListingEntity.Inverted(from.UtcTicks - 1)}"));
        }

        if (after is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {after.RowKey}"));
        }

        return string.Join(" and ", clauses);
    }

    private static string TokenOf(string rowKey)
    {
        var separator = rowKey.IndexOf('|', StringComparison.Ordinal);
        var inverted = long.Parse(rowKey.AsSpan(0, separator), System.Globalization.CultureInfo.InvariantCulture);
        return new ContinuationToken(DateTimeOffset.MaxValue.UtcTicks - inverted, rowKey[(separator + 1)..]).Encode();
    }
}
