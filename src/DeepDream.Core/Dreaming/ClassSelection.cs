using DeepDream.Models;
using DeepDream.Models.Catalog;

namespace DeepDream.Dreaming;

/// <summary>Turns class labels into class indices of a model.</summary>
internal static class ClassSelection
{
    /// <summary>The index of each label: the exact label (ignoring case), else the first label that starts with it.</summary>
    /// <exception cref="DreamSettingsException">A label the network does not have (or it has no labels).</exception>
    public static IReadOnlyList<int> Resolve(IReadOnlyList<string> specs, IDreamNetwork network)
    {
        if (specs.Count > 0 && network.LogitsLayer is null)
            throw new DreamSettingsException(nameof(DreamSettings.ClassLabels), string.Join(",", specs), NoClassesMessage(network));
        var labels = network.ClassLabels;
        var indices = new List<int>();
        foreach (var spec in specs)
        {
            int found = FindLabel(labels, spec);
            if (found < 0)
            {
                var hint = labels.Count == 0
                    ? $"model '{network.Name}' has no class labels; give a class index"
                    : $"no class of model '{network.Name}' is called that; e.g. {string.Join(", ", labels.Take(5))}";
                throw new DreamSettingsException(nameof(DreamSettings.ClassLabels), spec, hint);
            }
            indices.Add(found);
        }
        return indices;
    }

    /// <summary>Why classes cannot be maximised on <paramref name="network"/>, naming the catalog models that have ImageNet classes.</summary>
    public static string NoClassesMessage(IDreamNetwork network) =>
        $"model '{network.Name}' has no ImageNet classifier to maximise; the models with ImageNet classes are " +
        string.Join(", ", ModelCatalog.BuiltIn.Entries.Where(entry => entry.Labels is not null).Select(entry => entry.Id));

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
