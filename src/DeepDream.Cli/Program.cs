using DeepDream.Cli;
using DeepDream.Runtime;

StartupTrace.Mark("main");

return ProcessEnd.Now(DreamCli.Run(args, CliConsole.FromSystem()));
