using DeepDream.Sequences;

namespace DeepDream.Tests.Sequences;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Numbers_in_names_compare_as_numbers()
    {
        string[] names = ["frame10.png", "frame9.png", "frame100.png", "frame1.png", "clip2/frame1.png", "clip10/frame1.png"];
        Assert.Equal(
            ["clip2/frame1.png", "clip10/frame1.png", "frame1.png", "frame9.png", "frame10.png", "frame100.png"],
            names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void Zero_padded_and_plain_numbers_interleave_by_value_with_a_fixed_order_for_ties()
    {
        string[] names = ["f0010.png", "f9.png", "f010.png", "f0002.png"];
        Assert.Equal(["f0002.png", "f9.png", "f0010.png", "f010.png"], names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void A_prefix_comes_first_and_text_compares_ordinally()
    {
        Assert.True(NaturalOrder.Instance.Compare("frame", "frame1") < 0);
        Assert.True(NaturalOrder.Instance.Compare("B1", "a1") < 0);
        Assert.Equal(0, NaturalOrder.Instance.Compare("x7", "x7"));
    }
}
