using System.Text.Json.Nodes;
using DeepDream.Import.Tfjs;

namespace DeepDream.Tests.Import.Tfjs;

public class JsLiteralParserTests
{
    [Fact]
    public void Reads_minified_object_literal()
    {
        var value = (JsonObject)JsLiteralParser.Parse(
            "{name:\"conv\",trainable:!1,center:!0,momentum:.99,eps:1e-3,neg:-.5,seed:null,$k_2:'q',3:[1,[2,[3]]],\"quoted key\":true,f:false}")!;

        Assert.Equal("conv", value["name"]!.GetValue<string>());
        Assert.False(value["trainable"]!.GetValue<bool>());
        Assert.True(value["center"]!.GetValue<bool>());
        Assert.Equal(0.99, value["momentum"]!.GetValue<double>());
        Assert.Equal(0.001, value["eps"]!.GetValue<double>());
        Assert.Equal(-0.5, value["neg"]!.GetValue<double>());
        Assert.True(value.ContainsKey("seed"));
        Assert.Null(value["seed"]);
        Assert.Equal("q", value["$k_2"]!.GetValue<string>());
        Assert.Equal(3.0, value["3"]![1]![1]![0]!.GetValue<double>());
        Assert.True(value["quoted key"]!.GetValue<bool>());
        Assert.False(value["f"]!.GetValue<bool>());
    }

    [Fact]
    public void Decodes_string_escapes()
    {
        var value = JsLiteralParser.Parse(@"""a\""b\\c\n\t\u00e9\x41\/'""")!;

        Assert.Equal("a\"b\\c\n\téA/'", value.GetValue<string>());
    }

    [Fact]
    public void Parses_embedded_value_and_reports_its_end()
    {
        const string text = "n.exports={a:[1,2]},{}]";

        var value = JsLiteralParser.ParseAt(text, 10, out int end);

        Assert.Equal(2, ((JsonArray)value!["a"]!).Count);
        Assert.Equal(",{}]", text[end..]);
    }

    [Theory]
    [InlineData("{a:", "unexpected end")]
    [InlineData("{a 1}", "expected ':'")]
    [InlineData("[1 2]", "expected ',' or ']'")]
    [InlineData("{a:b}", "'b' is not a literal value")]
    [InlineData("{a:function(){}}", "is not a literal value")]
    [InlineData("!2", "only !0 and !1")]
    [InlineData("\"abc", "unterminated string")]
    [InlineData("\"\\q\"", "unsupported escape")]
    [InlineData("1e999", "out of range")]
    [InlineData(".", "malformed number")]
    [InlineData("{} extra", "unexpected text after")]
    public void Rejects_garbage(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => JsLiteralParser.Parse(text));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Refuses_nesting_bombs_without_exhausting_the_stack()
    {
        var bomb = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<FormatException>(() => JsLiteralParser.Parse(bomb));

        Assert.Contains($"nested deeper than {JsLiteralParser.MaxDepth}", error.Message);
    }

    [Fact]
    public void Accepts_nesting_up_to_the_limit()
    {
        int depth = JsLiteralParser.MaxDepth;
        var text = new string('[', depth + 1) + new string(']', depth + 1);

        Assert.NotNull(JsLiteralParser.Parse(text));
    }
}
