using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// The filter every record goes through first: by category name (Write-LlamaLog), and by a slot taken once
    /// (a logger object). Categories stay at the default INFO, so Debug is filtered out and Info passes.
    /// </summary>
    [MemoryDiagnoser]
    public class LevelCheckBenchmarks
    {
        private CategorySlot slot;

        [GlobalSetup]
        public void Setup() => slot = CategoryLevels.ResolveMessageSlot("core");

        [Benchmark]
        public bool FilteredOut() => LogEngine.IsEnabled("core", (int)LogLevel.Debug, out _);

        [Benchmark]
        public bool Passes() => LogEngine.IsEnabled("core", (int)LogLevel.Info, out _);

        /// <summary>A sub-category (<c>core::cache</c>) is filtered at its parent's level.</summary>
        [Benchmark]
        public bool SubCategoryFilteredOut() => LogEngine.IsEnabled("core::cache", (int)LogLevel.Debug, out _);

        [Benchmark]
        public bool Uncategorized() => LogEngine.IsEnabled("uncategorized", (int)LogLevel.Debug, out _);

        /// <summary>What Logger.Debug does before anything else.</summary>
        [Benchmark]
        public bool LoggerSlot() => (int)LogLevel.Debug >= CategoryLevels.EffectiveLevel(slot);
    }
}
