using System.Text.RegularExpressions;
using DeepDream.Import.Graph;

namespace DeepDream.Models.Catalog;

/// <summary>The models DeepDream knows by name, with the built-in list and look-ups by id, file hash and layout.</summary>
public sealed class ModelCatalog
{
    public ModelCatalog(IReadOnlyList<CatalogEntry> entries, string defaultId)
    {
        Entries = entries;
        Default = Find(defaultId) ?? throw new ArgumentException($"no entry {defaultId}", nameof(defaultId));
    }

    public static ModelCatalog BuiltIn { get; } = new([ResNet18(), InceptionV3(), GoogLeNet(), GoogLeNetTorchvision(), MobileNetV2()], "resnet18");

    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>The model installed without asking on first use: it must be reachable without a download URL.</summary>
    public CatalogEntry Default { get; }

    public CatalogEntry? Find(string idOrAlias) => Entries.FirstOrDefault(e => e.IsNamed(idOrAlias));

    /// <summary>The entry whose pinned source file has this size and SHA-256 (a file fetched by hand).</summary>
    /// <remarks>One npm tarball can hold several models: <paramref name="preferredId"/> picks among them.</remarks>
    public (CatalogEntry Entry, ModelSource Source)? FindBySource(long size, string sha256, string? preferredId = null) =>
        Entries.SelectMany(e => e.Sources.Select(s => (Entry: e, Source: s)))
            .Where(pair => pair.Source.Size == size && string.Equals(pair.Source.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(pair => preferredId is not null && pair.Entry.IsNamed(preferredId))
            .Select(pair => ((CatalogEntry, ModelSource)?)pair)
            .FirstOrDefault();

    /// <summary>
    /// The entry whose layout <paramref name="graph"/> has, by its tensor names: all of the entry's recommended
    /// layers resolve in it, or its first three friendly names do (the network cut after its stem, maybe before the
    /// recommended layers). Lets a differently exported or truncated copy of a known network get the right
    /// preprocessing and layer names. Names found from structure alone do not count: they say nothing of the weights.
    /// </summary>
    public CatalogEntry? RecognizeLayout(GraphDescription graph) =>
        Entries.OrderByDescending(e => e.Preference).FirstOrDefault(entry =>
        {
            if (entry.LayerAliases.Count == 0) return false;
            var aliases = LayerAliasRule.Resolve(entry.LayerAliases, graph);
            return entry.RecommendedLayers.All(aliases.ContainsKey)
                || entry.LayerAliases.Count >= StemNames && entry.LayerAliases.Take(StemNames).All(rule => aliases.ContainsKey(rule.Alias));
        });

    /// <summary>How many leading friendly names identify a network cut somewhere after them.</summary>
    private const int StemNames = 3;

    /// <summary>The preferred entry other than <paramref name="active"/> that has <paramref name="layer"/> as a friendly name.</summary>
    public CatalogEntry? OwnerOfLayer(string layer, CatalogEntry? active) =>
        Entries.Where(e => e != active && e.HasLayerAlias(layer)).OrderByDescending(e => e.Preference).FirstOrDefault();

    /// <summary>
    /// ML.NET's ImageNet ResNet-18 featurizer (a CNTK 2.6 export, ONNX opset 8, no classifier head). Its own
    /// preprocessing model (ResNetPrepOnnx/ResNetPreprocess.onnx in the same package) swaps RGB to BGR and
    /// subtracts a 224×224 mean image from 0-255 pixels; the per-channel means of that image are used here, so any
    /// size works.
    /// </summary>
    private static CatalogEntry ResNet18() => new()
    {
        Id = "resnet18",
        Aliases = ["resnet-18"],
        Family = "ResNet-18",
        Description = "ResNet-18 (ImageNet, CNTK export) from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1",
        Preprocessing = Preprocessing.MlNetResNet,
        LayerAliases = [],
        LayerFinder = new ResNetLayerFinder(),
        RecommendedLayers = ["layer3", "layer3.0", "layer2", "layer4"],
        Sources =
        [
            new NuGetModelSource("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.23.1", "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx",
                63_653_533, "e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f"),
        ],
        License = "MIT (Microsoft.ML.DnnImageFeaturizer.ResNet18, .NET Foundation)",
        Notes = "recommended layers, chosen by dreaming the sample photos: layer3 (default; the end of the third stage: dog faces, " +
                "eyes and fur growing out of the photo, the classic look), layer3.0 (more and smaller eyes and snouts), layer2 " +
                "(swirls, ripples and eye spots), layer4 (a subtle, fine-grained texture: the last stage barely draws in 10 steps); input Input247 is BGR, 0-255, minus the " +
                "package's mean image, whose channel means 103.06/115.90/123.15 are used so any size works; torchvision's names " +
                "conv1, relu, maxpool, layer1-layer4 and blocks layer1.0-layer4.2 are found from the graph's structure (this " +
                "export's last stage has three blocks); it has no classifier head, so no --class",
        Preference = 15,
    };

    private const string NsfwjsLicense = "MIT (nsfwjs, Infinite Red, Inc.)";

    /// <summary>A model inside the nsfwjs 4.4.0 tarball (pinned by size and SHA-256): both Keras models come from it.</summary>
    private static NpmModelSource Nsfwjs(string pathInPackage) =>
        new("nsfwjs@4.4.0", pathInPackage, "nsfwjs-4.4.0.tgz", 24_973_068, "585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382");

    private static CatalogEntry InceptionV3() => new()
    {
        Id = "inceptionv3",
        Aliases = ["inception-v3", "nsfwjs"],
        Family = "InceptionV3",
        Description = "InceptionV3 (Keras 2.2.4, TF.js) from the nsfwjs 4.4.0 npm package",
        Preprocessing = Preprocessing.KerasInception,
        LayerAliases = Enumerable.Range(0, 11).Select(i => LayerAliasRule.Exact($"mixed{i}")).ToList(),
        RecommendedLayers = ["mixed4", "mixed3", "mixed5"],
        Sources = [Nsfwjs("dist/models/inception_v3")],
        License = NsfwjsLicense,
        Notes = "layers up to mixed5 keep their ImageNet weights; from conv2d_56 (inside mixed6) on the network was " +
                "fine-tuned to 5 classes, so mixed6-mixed10 dream differently; every Keras layer name works as a layer",
        Preference = 10,
    };

    /// <summary>The same npm package's MobileNetV2: a second offline model, lighter, with finer textures.</summary>
    private static CatalogEntry MobileNetV2()
    {
        string[] adds = ["block_2_add", "block_4_add", "block_5_add", "block_7_add", "block_8_add", "block_9_add"];
        return new CatalogEntry
        {
            Id = "mobilenetv2",
            Aliases = ["mobilenet-v2"],
            Family = "MobileNetV2",
            Description = "MobileNetV2 (Keras, TF.js) from the nsfwjs 4.4.0 npm package; offline, lighter than InceptionV3",
            Preprocessing = Preprocessing.KerasInception,
            LayerAliases = adds.Select(LayerAliasRule.Exact).ToList(),
            RecommendedLayers = ["block_5_add", "block_9_add", "block_2_add"],
                Sources = [Nsfwjs("dist/models/mobilenet_v2")],
            License = NsfwjsLicense,
            Notes = "layers up to block_10 keep their ImageNet weights (from block_11_expand on it was fine-tuned to 5 " +
                    "classes); every Keras layer name works as a layer",
            Preference = 5,
        };
    }

    private static CatalogEntry GoogLeNet()
    {
        // Caffe blob names; the Caffe2 → ONNX conversion appends a version suffix (_1, _2) to names it rewrote in place.
        var caffeNames = new (string Alias, string Caffe)[]
        {
            ("conv1", "conv1/7x7_s2"), ("maxpool1", "pool1/3x3_s2"), ("conv2", "conv2/3x3_reduce"), ("conv3", "conv2/3x3"),
            ("maxpool2", "pool2/3x3_s2"), ("inception3a", "inception_3a/output"), ("inception3b", "inception_3b/output"),
            ("maxpool3", "pool3/3x3_s2"), ("inception4a", "inception_4a/output"), ("inception4b", "inception_4b/output"),
            ("inception4c", "inception_4c/output"), ("inception4d", "inception_4d/output"), ("inception4e", "inception_4e/output"),
            ("maxpool4", "pool4/3x3_s2"), ("inception5a", "inception_5a/output"), ("inception5b", "inception_5b/output"),
        };
        LayerAliasRule Rule(string alias, string caffe) => new(alias, $"^{Regex.Escape(caffe)}(_[0-9]+)?$");
        return new CatalogEntry
        {
            Id = "googlenet",
            Aliases = ["inception-v1", "bvlc-googlenet"],
            Family = "GoogLeNet",
            Description = "GoogLeNet (BVLC Caffe weights, ONNX Model Zoo googlenet-12.onnx): the network of the original DeepDream",
            Preprocessing = Preprocessing.CaffeBgr,
            LayerAliases = [.. caffeNames.Select(n => Rule(n.Alias, n.Caffe)), .. caffeNames.Select(n => Rule(n.Caffe, n.Caffe))],
            RecommendedLayers = ["inception4c", "inception4d", "inception3b"],
            Labels = ImageNetLabels.All,
            Sources =
            [
                new HttpModelSource(
                    new Uri("https://github.com/onnx/models/raw/main/validated/vision/classification/inception_and_googlenet/googlenet/model/googlenet-12.onnx"),
                    "googlenet-12.onnx", 28_021_836, "c99c507058eaf41de8723408fdda7db8325cb57f0a89f2ee07a716d6e963e14e"),
            ],
            License = "BSD-3-Clause (ONNX Model Zoo); BVLC GoogLeNet weights released for unrestricted use",
            Notes = "input data_0 (BGR, 0-255 minus mean 104/117/123), output prob_1; Caffe layer names such as inception_4c/output also work",
            Preference = 30,
        };
    }

    private static CatalogEntry GoogLeNetTorchvision()
    {
        // torch.onnx.export names tensors by module path (/inception4c/Concat_output_0); a module's last tensor is its output.
        string[] modules =
        [
            "conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3", "inception4a",
            "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4", "inception5a", "inception5b",
        ];
        return new CatalogEntry
        {
            Id = "googlenet-torchvision",
            Aliases = ["torchvision-googlenet"],
            Family = "GoogLeNet",
            Description = "torchvision's GoogLeNet (ImageNet, batch-normalised) exported to ONNX by the user",
            Preprocessing = Preprocessing.TorchvisionImageNet,
            LayerAliases = modules.Select(m => new LayerAliasRule(m, $"^/{m}/")).ToList(),
            RecommendedLayers = ["inception4c", "inception4d", "inception3b"],
            Labels = ImageNetLabels.All,
            License = "BSD-3-Clause (torchvision)",
            ManualInstall = "export torchvision.models.googlenet(weights=\"DEFAULT\") with torch.onnx.export where PyTorch is installed, " +
                            "then run `dream models install googlenet.onnx --as googlenet-torchvision`",
            Preference = 20,
        };
    }
}
