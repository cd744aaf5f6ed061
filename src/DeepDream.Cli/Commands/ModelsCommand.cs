using System.CommandLine;
using DeepDream.Models;
using DeepDream.Models.Store;

namespace DeepDream.Cli.Commands;

/// <summary><c>dream models list | install | remove | info</c>: the model cache.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text", Recursive = true };
        var command = new Command("models", "List, install, inspect and remove models in the cache ($DEEPDREAM_HOME/models)") { json };
        command.Subcommands.Add(List(console, json));
        command.Subcommands.Add(Install(console, json));
        command.Subcommands.Add(Remove(console));
        command.Subcommands.Add(Info(console, json));
        return command;
    }

    private static Command List(CliConsole console, Option<bool> json)
    {
        var command = new Command("list", "Installed models, then known models not installed yet");
        command.SetAction(parse =>
        {
            var store = ModelStore.Default();
            var installed = store.List();
            var available = store.Catalog.Entries.Where(e => installed.All(m => m.Id != e.Id)).ToList();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(CliJson.Serialize(new
                {
                    store = store.Root,
                    installed = installed.Select(m => new { m.Id, m.CatalogId, m.Description, m.Source, m.SourceSize, m.InstalledAt }),
                    available = available.Select(e => new { e.Id, e.Description, install = e.InstallAdvice }),
                }));
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"installed in {store.Root}:");
            if (installed.Count == 0) console.Out.WriteLine("  (none; the default model is installed on first use)");
            foreach (var model in installed)
                console.Out.WriteLine($"  {model.Id,-24} {model.Description}");
            if (available.Count > 0) console.Out.WriteLine("known, not installed:");
            foreach (var entry in available)
                console.Out.WriteLine($"  {entry.Id,-24} {entry.Description}\n  {"",-24} install: {entry.InstallAdvice}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Install(CliConsole console, Option<bool> json)
    {
        var source = new Argument<string>("model") { Description = "A known model name (e.g. resnet18, googlenet), an .onnx file, a TF.js model folder or file, or an npm .tgz" };
        var id = new Option<string?>("--as") { Description = "Install under this name; a catalog name applies that model's layer names and preprocessing (e.g. --as googlenet-torchvision)" };
        var preprocessing = new PreprocessingOptions();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors" };
        var command = new Command("install", "Install a model into the cache, converting it once into a fast-loading file") { source, id, quiet };
        preprocessing.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var store = ModelStore.Default();
            var progress = ModelLoading.InstallMessages(parse.GetValue(quiet), console);
            var options = new InstallOptions { Id = parse.GetValue(id), Preprocessing = preprocessing.Read(parse) };
            var model = await store.InstallAsync(parse.GetValue(source)!, options, progress, cancellation);
            if (parse.GetValue(json)) console.Out.WriteLine(CliJson.Serialize(model));
            else if (!parse.GetValue(quiet)) console.Out.WriteLine($"installed {model.Id} ({model.Description}); use it with --model {model.Id}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var name = new Argument<string>("model") { Description = "Installed model name" };
        var command = new Command("remove", "Delete an installed model from the cache") { name };
        command.SetAction(parse =>
        {
            var model = parse.GetValue(name)!;
            if (!ModelStore.Default().Remove(model))
                throw new UnknownModelException($"{model}: not installed (see `dream models list`)");
            console.Out.WriteLine($"removed {model}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Info(CliConsole console, Option<bool> json)
    {
        var name = new Argument<string>("model") { Description = "Installed model name" };
        var command = new Command("info", "Source, size, SHA-256, licence, preprocessing and layers of an installed model") { name };
        command.SetAction(parse =>
        {
            var model = ModelStore.Default().Info(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(CliJson.Serialize(model));
                return ExitCodes.Ok;
            }
            var o = console.Out;
            o.WriteLine($"{model.Id}: {model.Description}");
            o.WriteLine($"  source:        {model.Source}");
            o.WriteLine($"  file:          {model.SourceFile} ({model.SourceSize:N0} bytes)");
            o.WriteLine($"  sha256:        {model.SourceSha256}");
            o.WriteLine($"  licence:       {model.License ?? "unknown"}");
            o.WriteLine($"  preprocessing: {model.Preprocessing}");
            o.WriteLine($"  recommended:   {string.Join(", ", model.RecommendedLayers)}");
            o.WriteLine($"  layer names:   {string.Join(", ", model.LayerAliases.Keys)}");
            if (model.Notes is not null) o.WriteLine($"  notes:         {model.Notes}");
            foreach (var rewrite in model.SizeRewrites) o.WriteLine($"  any size:      {rewrite}");
            o.WriteLine($"  installed:     {model.InstalledAt:u} in {model.Folder}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
