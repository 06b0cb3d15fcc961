using ApiAuth.Cli;

return await ApiAuthCli.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
