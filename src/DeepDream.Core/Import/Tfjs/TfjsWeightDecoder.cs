using System.Buffers.Binary;

namespace DeepDream.Import.Tfjs;

/// <summary>Turns the stored bytes of one TF.js weight into float32 values (little-endian, dequantised).</summary>
internal static class TfjsWeightDecoder
{
    public static float[] Decode(TfjsWeightSpec spec, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != spec.ByteLength)
            throw new ArgumentException($"weight {spec.Name}: {bytes.Length} bytes given, {spec.ByteLength} expected", nameof(bytes));
        var values = new float[spec.ElementCount];
        var quantization = spec.Quantization;
        switch (quantization?.Dtype)
        {
            case null:
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                break;
            case "uint8":
                for (int i = 0; i < values.Length; i++) values[i] = quantization.Min + quantization.Scale * bytes[i];
                break;
            case "uint16":
                for (int i = 0; i < values.Length; i++)
                    values[i] = quantization.Min + quantization.Scale * BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
                break;
            case "float16":
                for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
                break;
            default:
                throw new ArgumentException($"weight {spec.Name}: unknown quantisation {quantization.Dtype}", nameof(spec));
        }
        return values;
    }
}
