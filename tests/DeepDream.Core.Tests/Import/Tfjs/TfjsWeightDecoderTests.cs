using System.Buffers.Binary;
using DeepDream.Import.Tfjs;

namespace DeepDream.Tests.Import.Tfjs;

public class TfjsWeightDecoderTests
{
    [Fact]
    public void Dequantises_uint8_as_min_plus_scale_times_q()
    {
        var spec = new TfjsWeightSpec("w", [3], "float32", new TfjsQuantization("uint8", -1f, 0.5f));

        var values = TfjsWeightDecoder.Decode(spec, [0, 1, 255]);

        Assert.Equal([-1f, -0.5f, 126.5f], values);
    }

    [Fact]
    public void Dequantises_little_endian_uint16()
    {
        var spec = new TfjsWeightSpec("w", [2], "float32", new TfjsQuantization("uint16", 2f, 0.25f));

        var values = TfjsWeightDecoder.Decode(spec, [0x04, 0x00, 0x00, 0x01]);

        Assert.Equal([2f + 0.25f * 4, 2f + 0.25f * 256], values);
    }

    [Fact]
    public void Reads_float16_and_float32()
    {
        var half = new byte[4];
        BinaryPrimitives.WriteHalfLittleEndian(half, (Half)1.5f);
        BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(2), (Half)(-0.25f));
        var single = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(single, 3.25f);
        BinaryPrimitives.WriteSingleLittleEndian(single.AsSpan(4), -7e-8f);

        Assert.Equal([1.5f, -0.25f], TfjsWeightDecoder.Decode(new TfjsWeightSpec("h", [2], "float32", new TfjsQuantization("float16", 0, 0)), half));
        Assert.Equal([3.25f, -7e-8f], TfjsWeightDecoder.Decode(new TfjsWeightSpec("f", [1, 2], "float32", null), single));
    }

    [Fact]
    public void Byte_length_follows_the_storage_type()
    {
        Assert.Equal(24, new TfjsWeightSpec("w", [2, 3], "float32", null).ByteLength);
        Assert.Equal(6, new TfjsWeightSpec("w", [2, 3], "float32", new TfjsQuantization("uint8", 0, 1)).ByteLength);
        Assert.Equal(12, new TfjsWeightSpec("w", [2, 3], "float32", new TfjsQuantization("uint16", 0, 1)).ByteLength);
    }
}
