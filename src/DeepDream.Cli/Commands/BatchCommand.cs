using System.CommandLine;
using DeepDream.Batch;
using DeepDream.Imaging;
using DeepDream.Sequences;

namespace DeepDream.Cli.Commands;

/// <summary>
/// <c>dream batch inputs… --out dir</c>: dreams many images with one model load. Resumable (a manifest in the
/// output folder records what is done), safe to kill, and splittable over processes or machines with --shard.
/// </summary>
public static class BatchCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Folders, image files, globs (quoted: 'photos/**/*.jpg') and @list.txt files naming one image per line (relative to the list's folder)",
            Arity = ArgumentArity.OneOrMore,
        };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Include the subfolders of folder inputs" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Process only shard k of N (numbered from 1), so N processes or machines share the batch",
            HelpName = "k/N",
        };
        var variants = new Option<int?>("--variants")
        {
            Description = "Dream each input N times, with the seeds --seed to --seed+N-1; outputs are named name.seedS.ext",
            HelpName = "N",
        };
        variants.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 10_000) result.AddError("--variants: must be between 1 and 10000");
        });
        var output = new BatchOutputOptions(defaultFormat: "keep");
        var common = new CommonOptions();
        var dream = new DreamOptions();

        var command = new Command("batch", "Dream every image of folders, globs or @lists into an output folder; resumable, shardable")
        {
            inputs, recursive, shard, variants,
        };
        output.AddTo(command);
        common.AddTo(command);
        dream.AddTo(command);
        HelpWithExamples.AddTo(command,
            "The model is loaded once. Re-running the same command resumes: finished outputs are skipped, failed ones\n" +
            "retried. Outputs are written whole or not at all, so the run can be killed at any moment.\n\n" +
            "Examples:\n" +
            "  dream batch photos/ --out dreamed/ --recursive\n" +
            "  dream batch 'shoot/**/*.jpg' @extra.txt --out dreamed/ --format png --preset deep\n" +
            "  dream batch photos/ --out dreamed/ --shard 2/4          # the second of four parallel workers\n" +
            "  dream batch photos/ --out variants/ --variants 4 --preset subtle   # cat.seed0.jpg … cat.seed3.jpg\n" +
            "  dream batch photos/ --out dreamed/ --json | jq -c 'select(.event==\"failed\")'\n\n" +
            "Exit codes: 0 all done, 2 usage error, 3 no usable inputs, 4 some files failed (see the manifest), 130 interrupted.");

        // System.CommandLine installs its Ctrl-C / SIGTERM handler only after the action has returned its task, so
        // the work runs on the thread pool: a signal then cancels the token, and the run stops after the current step.
        command.SetAction((parse, cancellation) => Task.Run(() =>
        {
            var commonSettings = common.Read(parse);
            var settings = dream.ToSettings(parse);
            var part = parse.GetValue(shard) is { } text ? Shard.Parse(text) : Shard.All;
            var layout = output.Layout(parse);
            OutputChecks.Before(() => OutputPaths.CheckOutputFolder(layout.Folder));
            var items = BatchInputs.Resolve(parse.GetValue(inputs)!, parse.GetValue(recursive), layout.Folder);
            var read = output.Read(parse, console, commonSettings);

            using var setup = DreamSetup.Open(commonSettings, console, settings, dream.ReadGuide(parse, read), parse.GetValue(dream.Guide), cancellation);
            var reporter = new BatchReporter("batch", console, commonSettings, layout);
            var dreamer = new BatchDreamer(setup.Pipeline, read, output.Write(parse));
            var result = parse.GetValue(variants) is { } count
                ? dreamer.RunVariants(count, items, layout, part, reporter, reporter.Dreams, cancellation)
                : dreamer.Run(items, layout, part, reporter, reporter.Dreams, cancellation);
            reporter.Summary(result, part);
            return result.ExitCode;
        }));
        return command;
    }
}
