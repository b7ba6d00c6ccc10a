using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>The file line without the write: Python's asctime, name, line, category, message, as LogEngine builds it.</summary>
    [MemoryDiagnoser]
    public class FileLineBenchmarks
    {
        private readonly StringBuilder builder = new StringBuilder(256);
        private readonly DateTime time = new DateTime(2025, 11, 25, 9, 1, 2, 345, DateTimeKind.Local);

        [Benchmark]
        public string AscTime() => TextLineFormatter.AscTime(time);

        /// <summary>Prefix, plain message and newline into a reused builder, then the string the sink takes.</summary>
        [Benchmark]
        public string Line()
        {
            builder.Clear();
            TextLineFormatter.AppendPrefix(builder, time, "bench", 42, "core");
            builder.Append(RichMarkup.ToPlainText(Messages.Plain)).Append(Environment.NewLine);
            return builder.ToString();
        }

        /// <summary>The clock read each record takes: local time (a time-zone conversion) against UTC.</summary>
        [Benchmark]
        public DateTime Now() => DateTime.Now;

        [Benchmark]
        public DateTime UtcNow() => DateTime.UtcNow;
    }
}
