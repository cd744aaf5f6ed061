namespace DeepDream.Import.Tfjs;

/// <summary>
/// What the importer knows of a tensor while translating: its rank (4 for images, 2 for features) and its
/// channel count, -1 where unknown. Enough to map Keras axes and to check weight shapes against inputs.
/// </summary>
internal readonly record struct KerasTensor(int Rank, long Channels)
{
    public const long UnknownChannels = -1;
}
