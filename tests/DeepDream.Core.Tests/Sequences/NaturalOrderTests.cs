using DeepDream.Sequences;

namespace DeepDream.Tests.Sequences;

public sealed class NaturalOrderTests
{
    [Fact]
    public void NumbersInNamesCompareAsNumbers()
    {
        string[] names = ["frame10.png", "frame9.png", "frame100.png", "frame1.png", "clip2/frame1.png", "clip10/frame1.png"];
        Assert.Equal(
            ["clip2/frame1.png", "clip10/frame1.png", "frame1.png", "frame9.png", "frame10.png", "frame100.png"],
            names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void ZeroPaddedAndPlainNumbersInterleaveByValueWithAFixedOrderForTies()
    {
        string[] names = ["f0010.png", "f9.png", "f010.png", "f0002.png"];
        Assert.Equal(["f0002.png", "f9.png", "f0010.png", "f010.png"], names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void APrefixComesFirstAndTextComparesOrdinally()
    {
        Assert.True(NaturalOrder.Instance.Compare("frame", "frame1") < 0);
        Assert.True(NaturalOrder.Instance.Compare("B1", "a1") < 0);
        Assert.Equal(0, NaturalOrder.Instance.Compare("x7", "x7"));
    }
}
