using Monitor.Runners;

namespace Monitor.Tests.Compare;

/// <summary>A fact about the Python worker: skipped where python3 is not on PATH.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (PythonWorkerLauncher.FindInterpreter() is null) Skip = "needs python3 on PATH";
    }
}
