using DeepDream.Import.Graph;

namespace DeepDream.Models.Catalog;

/// <summary>
/// Friendly layer names found from a graph's structure, for exports whose tensor names are only numbers
/// (CNTK's <c>ReLU347_Output_0</c>).
/// </summary>
public interface ILayerFinder
{
    /// <summary>True when <paramref name="alias"/> is a name this finder gives (in some graph).</summary>
    bool Defines(string alias);

    /// <summary>Friendly name → graph tensor name, for the names found in <paramref name="graph"/>.</summary>
    IReadOnlyDictionary<string, string> Find(GraphDescription graph);
}
