using System.Reflection;
using System.Text.RegularExpressions;

namespace DeepDream.Tests;

/// <summary>The house style for test names (.editorconfig): a sentence with underscores, in every test assembly.</summary>
public sealed class TestNamingTests
{
    [Fact]
    public void Every_test_is_named_as_a_sentence_with_underscores()
    {
        var misnamed = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .Where(method => !Regex.IsMatch(method.Name, "^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$"))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}");

        Assert.Empty(misnamed);
    }
}
