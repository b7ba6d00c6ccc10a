using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>Markup to the file's plain text (MarkupText.PlainOrLiteral), the step every file record takes.</summary>
    [MemoryDiagnoser]
    public class MarkupBenchmarks
    {
        [Params("plain", "markup", "long")]
        public string Message { get; set; }

        private string text;

        [GlobalSetup]
        public void Setup() => text = Messages.For(Message);

        [Benchmark]
        public string PlainOrLiteral() => RichMarkup.ToPlainText(text);
    }
}
