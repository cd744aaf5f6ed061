namespace DeepDream.Pipeline;

/// <summary>What a dream started from, as its output records it.</summary>
public enum DreamSourceKind
{
    /// <summary>An image file, by its full path.</summary>
    File,

    /// <summary>Seeded grey noise of a given size and amplitude.</summary>
    Noise,

    /// <summary>An image read from a stream such as stdin, by the stream's name.</summary>
    Stream,

    /// <summary>An image made in memory (a zoom frame, a blended video frame, a library caller's image), described.</summary>
    Image,
}
