using DeepDream.Cli;
using DeepDream.Runtime;

StartupTrace.Mark("main");

return DreamCli.Run(args, CliConsole.FromSystem());
