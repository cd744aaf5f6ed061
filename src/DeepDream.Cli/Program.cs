using DeepDream.Cli;
using DeepDream.Imaging;
using DeepDream.Runtime;

if (DreamCli.MayLoadTorch(args)) MallocTunables.RestartWithTunables();
StartupTrace.Mark("main");
// Before any other thread of ours runs: they may read the environment these settings write (setenv).
TorchRuntime.SetNativeDefaults();
ImageFile.BeginSetUp();

return ProcessEnd.Now(DreamCli.Run(args, CliConsole.FromSystem()));
