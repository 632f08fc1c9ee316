using Gis.Cli;

return await GisCommand.RunAsync(args, Console.Out, Console.Error);
