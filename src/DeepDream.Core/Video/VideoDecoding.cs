namespace DeepDream.Video;

/// <summary>
/// Everything that decides which frames a clip decodes to: the file (by path, size and time of last change), the part
/// of it, the size limit and the frame rate. Equal values mean the decoded frames of an earlier run still fit.
/// </summary>
internal sealed record VideoDecoding(string Source, long Bytes, DateTime Modified, string? Start, string? Duration, int MaxSide, string Rate)
{
    public static VideoDecoding For(VideoPlan plan, VideoInfo info, int maxSide)
    {
        var file = new FileInfo(plan.Source);
        return new VideoDecoding(file.FullName, file.Length, file.LastWriteTimeUtc,
            plan.Start is { } start ? VideoPlan.Seconds(start) : null,
            plan.Duration is { } duration ? VideoPlan.Seconds(duration) : null,
            maxSide, info.Rate.ToString());
    }
}
