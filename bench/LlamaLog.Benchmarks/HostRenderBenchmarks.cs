using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// The host text of one record (RichConsoleFormatter: markup, highlighter, wrapping, escape codes), with true
    /// colour and without colour. The target for this is under 10 µs per record.
    /// </summary>
    [MemoryDiagnoser]
    public class HostRenderBenchmarks
    {
        [Params("plain", "markup", "long")]
        public string Message { get; set; }

        [Params(ColorSystem.TrueColor, ColorSystem.None)]
        public ColorSystem Colors { get; set; }

        private readonly System.Text.StringBuilder output = new System.Text.StringBuilder(512);
        private LogRecord record;

        [GlobalSetup]
        public void Setup()
        {
            record = Messages.Record(Messages.For(Message));
        }

        [Benchmark]
        public int Render()
        {
            output.Clear();
            RichConsoleFormatter.Instance.Format(record, LogSettings.DefaultWidth, Colors, output);
            return output.Length;
        }
    }
}
