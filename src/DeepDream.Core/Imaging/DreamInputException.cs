namespace DeepDream.Imaging;

/// <summary>An input image that cannot be used: missing, empty, corrupt, unsupported or too large.</summary>
public sealed class DreamInputException : DeepDreamException
{
    /// <param name="problem">One line naming the input and what is wrong with it.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    /// <param name="limit">The setting whose limit the input exceeds (e.g. <c>MaxPixels</c>); the message says to raise it.</param>
    public DreamInputException(string problem, Exception? inner = null, string? limit = null)
        : base(limit is null ? problem : $"{problem}; raise {limit}", inner)
    {
        Problem = problem;
        Limit = limit;
    }

    /// <summary>The message without the advice to raise <see cref="Limit"/>.</summary>
    public string Problem { get; }

    /// <summary>The setting whose limit the input exceeds, by its property name; null when no limit is at fault.</summary>
    public string? Limit { get; }
}
