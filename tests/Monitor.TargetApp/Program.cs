using Monitor.TargetApp;

// One scenario per process; "ready" on stdout once it is doing what it is named for, then it runs until killed or
// until stdin closes (so a test that dies takes its target with it).
string scenario = args.Length > 0 ? args[0] : "";
IScenario? chosen = scenario switch
{
    "cpu-hot" => new CpuHot(),
    "lock-convoy" => new LockConvoy(),
    "starvation" => new Starvation(),
    "aspnet" => new AspNetUnderLoad(),
    "known-rates" => new KnownRates(),
    _ => null,
};
if (chosen is null)
{
    Console.Error.WriteLine("usage: Monitor.TargetApp cpu-hot|lock-convoy|starvation|aspnet|known-rates");
    return 2;
}
await chosen.StartAsync();
Console.WriteLine("ready");
Console.Out.Flush();
await Task.Run(() => Console.In.ReadToEnd());
return 0;
