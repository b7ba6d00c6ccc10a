using BenchmarkDotNet.Running;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// Entry point: `dotnet run -c Release -- --filter * --job short --iterationTime 250` (bench/Invoke-Benchmarks.ps1
    /// does this on a full Bench, and shows each class's summary).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
