using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepDream.Cli;

/// <summary>
/// Writes a number that is not finite (NaN or an infinity, as a diverging objective can be) as JSON null, so every
/// report is valid JSON whatever the numbers.
/// </summary>
internal sealed class FiniteNumberConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
