using DeepDream.Dreaming;

namespace DeepDream.Sequences;

/// <summary>
/// Gives the progress sink for one dream that is about to run at <paramref name="height"/> × <paramref name="width"/>
/// (after the size limit), so a display can weigh its octaves; null for no step progress.
/// </summary>
public delegate IProgress<DreamProgress>? DreamProgressFactory(int height, int width);
