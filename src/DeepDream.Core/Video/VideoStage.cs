namespace DeepDream.Video;

/// <summary>The stages of dreaming a clip, reported as each begins.</summary>
public enum VideoStage
{
    /// <summary>ffmpeg decodes the clip into frames in the work folder.</summary>
    Decoding,

    /// <summary>The frames are dreamed in order (frame events follow).</summary>
    Dreaming,

    /// <summary>ffmpeg encodes the dreamed frames with the clip's sound.</summary>
    Encoding,
}
