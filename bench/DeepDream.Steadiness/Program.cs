using System.Globalization;
using DeepDream.Imaging;
using DeepDream.Sequences;
using DeepDream.Video;

// usage: DeepDream.Steadiness SOURCE_FRAMES DREAMED_FRAMES [LABEL]
// Both folders hold the same frame names (as `dream video --keep-work` leaves them in source/ and dreamed/). For each
// pair of consecutive frames, the motion between the two source frames moves the earlier dreamed frame onto the later
// one; the temporal warping error is their mean absolute difference (0-255) over the pixels the motion tracks. Prints
// one RESULT line: the mean over all pairs (and the median, and the source's own error, the floor flow allows), the
// dream's strength (mean absolute difference between dreamed and source frames, 0-255) and the error per unit of it.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: DeepDream.Steadiness SOURCE_FRAMES DREAMED_FRAMES [LABEL]");
    return 2;
}
var names = Directory.EnumerateFiles(args[0], "*.png").Select(path => Path.GetFileName(path)).Order(NaturalOrder.Instance).ToList();
var dreamedErrors = new List<double>();
var sourceErrors = new List<double>();
var tracked = new List<double>();
var strength = new List<double>();
RgbImage Read(string folder, string name) => ImageFile.Read(Path.Combine(folder, name), ImageReadOptions.Default);
for (int i = 1; i < names.Count; i++)
{
    var previousSource = Read(args[0], names[i - 1]);
    var currentSource = Read(args[0], names[i]);
    using var motion = FrameMotion.Estimate(previousSource, currentSource);
    tracked.Add(motion.TrackedFraction);
    var dreamed = Read(args[1], names[i]);
    strength.Add(dreamed.Rgb.Zip(currentSource.Rgb, (a, b) => (double)Math.Abs(a - b)).Average());
    if (TemporalWarpingError.Between(motion, Read(args[1], names[i - 1]), dreamed) is { } error) dreamedErrors.Add(error);
    if (TemporalWarpingError.Between(motion, previousSource, currentSource) is { } floor) sourceErrors.Add(floor);
}
string label = args.Length == 3 ? args[2] : Path.GetFileName(Path.TrimEndingDirectorySeparator(args[1]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT kind=steadiness label={label} frames={names.Count} pairs={dreamedErrors.Count} twe_mean={dreamedErrors.Average():F2} twe_median={Median(dreamedErrors):F2} source_twe_mean={sourceErrors.Average():F2} dream_strength={strength.Average():F2} twe_per_strength={dreamedErrors.Average() / strength.Average():F3} tracked_mean={tracked.Average():F3}"));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
