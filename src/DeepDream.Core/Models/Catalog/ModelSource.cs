namespace DeepDream.Models.Catalog;

/// <summary>
/// Where a catalog model's file comes from, pinned by size and SHA-256 so that a fetched or hand-copied file
/// is recognised and checked. <see cref="FileName"/> is what a user downloads to install by hand.
/// </summary>
public abstract record ModelSource(string FileName, long Size, string Sha256)
{
    /// <summary>One line for <c>dream models info</c>, e.g. "npm package nsfwjs@4.4.0, dist/models/inception_v3".</summary>
    public abstract string Description { get; }

    /// <summary>What to run elsewhere to get <see cref="FileName"/>, for messages when fetching fails here.</summary>
    public abstract string ManualFetch { get; }

    /// <summary>What fetching it here needs, for install advice.</summary>
    public virtual string Needs => "needs internet";
}
