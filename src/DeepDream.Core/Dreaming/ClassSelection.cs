using DeepDream.Models;
using DeepDream.Models.Catalog;

namespace DeepDream.Dreaming;

/// <summary>Turns <c>--class</c> values (indices or label names) into class indices of a model.</summary>
public static class ClassSelection
{
    public static IReadOnlyList<int> Resolve(IReadOnlyList<string> specs, IDreamNetwork network)
    {
        if (specs.Count > 0 && network.LogitsLayer is null) throw new DreamSettingsException(NoClassesMessage(network));
        var labels = network.ClassLabels;
        var indices = new List<int>();
        foreach (var spec in specs)
        {
            if (int.TryParse(spec, out int index))
            {
                indices.Add(index);
                continue;
            }
            int found = FindLabel(labels, spec);
            if (found < 0)
            {
                var hint = labels.Count == 0
                    ? $"model '{network.Name}' has no class labels; give a class index"
                    : $"no class of model '{network.Name}' is called that; e.g. {string.Join(", ", labels.Take(5))}";
                throw new DreamSettingsException($"--class {spec}: {hint}");
            }
            indices.Add(found);
        }
        return indices;
    }

    /// <summary>Why <c>--class</c> cannot work on <paramref name="network"/>, naming the catalog models that have ImageNet classes.</summary>
    public static string NoClassesMessage(IDreamNetwork network) =>
        $"--class: model '{network.Name}' has no ImageNet classifier to maximise; the models with ImageNet classes are " +
        string.Join(", ", ModelCatalog.BuiltIn.Entries.Where(entry => entry.Labels is not null).Select(entry => entry.Id)) +
        " (--model)";

    /// <summary>Exact (case-insensitive) label match first, then a label that starts with the text.</summary>
    private static int FindLabel(IReadOnlyList<string> labels, string text)
    {
        for (int i = 0; i < labels.Count; i++)
            if (labels[i].Equals(text, StringComparison.OrdinalIgnoreCase)) return i;
        for (int i = 0; i < labels.Count; i++)
            if (labels[i].StartsWith(text, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
