using DeepDream.Runtime;

namespace DeepDream.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(string? Model, string? Layer, int[] Sizes, int Steps, int Threads, int Octaves, int Whole, int Repeat, int Tile,
    string? Visualize = null, int VisualizeSize = 160, string Sheet = "bench/out/parameterizations.png", string? Photo = null,
    string[]? Ways = null, float? StepSize = null, int ConvPeak = 0, NumericPrecision Precision = NumericPrecision.Float32)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(null, null, [512, 1024, 2048], 5, 2, 4, 0, 3, 0);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            options = args[i] switch
            {
                "--model" => options with { Model = value },
                "--layer" => options with { Layer = value },
                "--sizes" => options with { Sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() },
                "--steps" => options with { Steps = int.Parse(value) },
                "--threads" => options with { Threads = int.Parse(value) },
                "--octaves" => options with { Octaves = int.Parse(value) },
                "--whole" => options with { Whole = int.Parse(value) },
                "--repeat" => options with { Repeat = int.Parse(value) },
                "--tile" => options with { Tile = int.Parse(value) },
                "--visualize" => options with { Visualize = value },
                "--visualize-size" => options with { VisualizeSize = int.Parse(value) },
                "--sheet" => options with { Sheet = value },
                "--photo" => options with { Photo = value },
                "--ways" => options with { Ways = value.Split(',') },
                "--conv-peak" => options with { ConvPeak = int.Parse(value) },
                "--precision" => options with { Precision = Enum.Parse<NumericPrecision>(value, ignoreCase: true) },
                "--step-size" => options with { StepSize = float.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
