using DeepDream.Cli;

return DreamCli.Run(args, CliConsole.FromSystem());
