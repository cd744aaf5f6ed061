using DeepDream.Cli;
using DeepDream.Imaging;
using DeepDream.Runtime;

MallocTunables.RestartWithTunables();
StartupTrace.Mark("main");
ImageFile.BeginSetUp();

return ProcessEnd.Now(DreamCli.Run(args, CliConsole.FromSystem()));
