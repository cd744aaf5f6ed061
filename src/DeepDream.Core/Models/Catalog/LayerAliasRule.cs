using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using DeepDream.Import.Graph;

namespace DeepDream.Models.Catalog;

/// <summary>
/// A friendly layer name (e.g. <c>inception4c</c>) and the pattern of the graph tensor it stands for. Exporters
/// decorate names differently (<c>inception_4c/output_1</c>, <c>/inception4c/Concat_output_0</c>), so the alias
/// is found in the loaded graph rather than hard-coded: it means the last tensor, in graph order, whose name
/// matches — the block's final output when the pattern covers a whole block.
/// </summary>
public sealed class LayerAliasRule(string alias, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern)
{
    private readonly Regex _regex = new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string Alias { get; } = alias;
    public string Pattern { get; } = pattern;

    /// <summary>A rule for a tensor that keeps its name exactly.</summary>
    public static LayerAliasRule Exact(string name) => new(name, $"^{Regex.Escape(name)}$");

    public bool Matches(string tensorName) => _regex.IsMatch(tensorName);

    /// <summary>Friendly name → tensor name for every rule that matches a tensor of <paramref name="graph"/>.</summary>
    public static IReadOnlyDictionary<string, string> Resolve(IEnumerable<LayerAliasRule> rules, GraphDescription graph)
    {
        var tensorNames = graph.Nodes.SelectMany(n => n.Outputs).Where(n => n.Length > 0).ToList();
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var match = tensorNames.LastOrDefault(rule.Matches);
            if (match is not null) aliases.TryAdd(rule.Alias, match);
        }
        return aliases;
    }
}
