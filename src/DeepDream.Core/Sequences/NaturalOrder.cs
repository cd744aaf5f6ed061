namespace DeepDream.Sequences;

/// <summary>
/// Orders names with their digit runs compared as numbers, so <c>frame9.png</c> comes before <c>frame10.png</c>
/// whether or not the numbers are zero-padded. Other characters compare ordinally.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var a = DigitRun(x, ref i).TrimStart('0');
                var b = DigitRun(y, ref j).TrimStart('0');
                // Without leading zeros, a longer run is a larger number; equal lengths compare digit by digit.
                int byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byValue != 0) return byValue;
                continue;
            }
            if (x[i] != y[j]) return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        int byLength = (x.Length - i).CompareTo(y.Length - j);
        // Names equal as numbers (frame1, frame01) still need a fixed order.
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static ReadOnlySpan<char> DigitRun(string text, ref int position)
    {
        int start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
        return text.AsSpan(start, position - start);
    }
}
