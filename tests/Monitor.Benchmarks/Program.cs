using BenchmarkDotNet.Running;

namespace Monitor.Benchmarks;

/// <summary>BenchmarkDotNet's switcher: `--filter '*'` runs every benchmark; tests/benchmarks/run-all.sh passes the
/// job and exporter options it wants.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
