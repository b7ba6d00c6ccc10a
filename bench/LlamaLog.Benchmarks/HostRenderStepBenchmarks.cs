using System.Text;
using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// The steps of the host layout one at a time, on the line a plain record makes (the file prefix and the
    /// message): markup parsing, the two highlighters, loading the styled segments, and the whole layout.
    /// </summary>
    [MemoryDiagnoser]
    public class HostRenderStepBenchmarks
    {
        private readonly SpanList spans = new SpanList();
        private readonly StringBuilder output = new StringBuilder(512);
        private string line;
        private string plain;

        [GlobalSetup]
        public void Setup()
        {
            line = Messages.HostLine(Messages.Record(Messages.Plain));
            plain = MarkupParser.Parse(line, true, spans);
        }

        [Benchmark]
        public string Parse()
        {
            spans.Clear();
            return MarkupParser.Parse(line, true, spans);
        }

        [Benchmark]
        public int ReprHighlight()
        {
            spans.Clear();
            ReprHighlighter.Highlight(plain, spans);
            return spans.Count;
        }

        [Benchmark]
        public int KeywordHighlight()
        {
            spans.Clear();
            LogKeywordHighlighter.Highlight(plain, spans);
            return spans.Count;
        }

        [Benchmark]
        public int Layout()
        {
            output.Clear();
            RichHandlerLayout.Render(output, 20, "INFO", line, true, LogSettings.DefaultWidth, ColorSystem.TrueColor, false);
            return output.Length;
        }
    }
}
