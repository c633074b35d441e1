using Monitor.Tests.Runners;

namespace Monitor.Tests.Compare;

/// <summary>Finds live Python workers (sum_worker.py, and the multiprocessing children forked from it, which keep its
/// command line) started by a given Monitor, by the `--parent PID` argument they carry.</summary>
public static class PythonWorkers
{
    public static IReadOnlyList<int> Of(int parentPid) =>
        ProcFs.ProcessesWithParentArgument(parentPid, args => args.Any(a => a.EndsWith("sum_worker.py", StringComparison.Ordinal)));
}
