using System.CommandLine;
using Monitor.Cli.Commands;
using Monitor.Cli.Hosting;
using Monitor.Workloads;

// A worker process is this same program; its verb is handled before anything else loads, to start fast.
if (args.Length > 0 && args[0] == WorkerArguments.Verb)
{
    return WorkerProcessMain.Run(args[1..], Console.Out);
}

ObserverRuntimeSettings.Apply();
AppLifetime.Install();
var root = new RootCommand("Monitor: watch the thread-versus-process tradeoff live.");
root.Subcommands.Add(TuiCommand.Create(root));
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(PsCommand.Create());
root.Subcommands.Add(AttachCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
return await CommandLineHost.InvokeAsync(root, args);
