using System.Globalization;
using System.Text;

namespace DeepDream.Batch;

/// <summary>
/// One of N disjoint parts of a batch, so that N processes or machines can share the work (<c>--shard k/N</c>).
/// Shards are numbered from 1: <c>1/4</c> … <c>4/4</c>.
/// </summary>
/// <remarks>
/// An item belongs to shard <c>FNV-1a-64(RelativePath) mod N + 1</c>. The hash depends only on the item's relative
/// path (never on <see cref="string.GetHashCode()"/>, which changes with every process), so every process computes
/// the same split, and adding or removing files never moves the files that were already there to another shard.
/// Listing the same files through a different folder changes their relative paths, and so their shards.
/// </remarks>
public sealed record Shard
{
    private const ulong FnvOffsetBasis = 0xcbf29ce484222325;
    private const ulong FnvPrime = 0x100000001b3;

    private Shard(int index, int count)
    {
        Index = index;
        Count = count;
    }

    /// <summary>The whole batch as a single shard (no <c>--shard</c> given).</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>Which shard this is, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>How many shards the batch is split into.</summary>
    public int Count { get; }

    /// <summary>Parses <c>k/N</c> with 1 &lt;= k &lt;= N, as given to <c>--shard</c>.</summary>
    /// <exception cref="BatchOptionException">The text is not of that form.</exception>
    public static Shard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !TryParseCount(parts[0], out int index) || !TryParseCount(parts[1], out int count))
        {
            throw new BatchOptionException($"--shard '{text}': expected k/N, such as 2/4 for the second of four shards");
        }
        if (count < 1 || index < 1 || index > count)
        {
            throw new BatchOptionException($"--shard '{text}': k must be between 1 and N (shards are numbered from 1)");
        }
        return new Shard(index, count);
    }

    /// <summary>Whether <paramref name="item"/> is this shard's to process.</summary>
    public bool Contains(BatchItem item) => (int)(Fnv1a64(item.RelativePath) % (ulong)Count) == Index - 1;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>64-bit FNV-1a over the UTF-8 bytes of <paramref name="text"/>: tiny, fast and fixed by its spec.</summary>
    internal static ulong Fnv1a64(string text)
    {
        ulong hash = FnvOffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * FnvPrime;
        }
        return hash;
    }

    private static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
