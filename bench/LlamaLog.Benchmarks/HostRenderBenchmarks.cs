using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Output;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// The host text of one record (HostLayout.Render: markup, highlighter, wrapping, escape codes), with true
    /// colour and without colour. The target for this is under 10 µs per record.
    /// </summary>
    [MemoryDiagnoser]
    public class HostRenderBenchmarks
    {
        [Params("plain", "markup", "long")]
        public string Message { get; set; }

        [Params(ColorSystem.TrueColor, ColorSystem.None)]
        public ColorSystem Colors { get; set; }

        private LogRecord record;
        private string line;

        [GlobalSetup]
        public void Setup()
        {
            record = Messages.Record(Messages.For(Message));
            line = Messages.HostLine(record);
        }

        [Benchmark]
        public string Render() => HostLayout.Render(record, line, line.Length - record.Message.Length, LogSettings.DefaultWidth, Colors);
    }
}
