using Boilerhouse.Cli;

return await BoilerhouseCli.RunAsync(args, CliConsole.System, Environment.GetEnvironmentVariable);
