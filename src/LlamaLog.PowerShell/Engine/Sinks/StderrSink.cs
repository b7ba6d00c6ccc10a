using System;
using System.Text;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Sinks
{
    /// <summary>
    /// The console as a server has it (<c>-Console Stderr</c>): the console layout written to the process's standard
    /// error, one record at a time, flushed, so it interleaves whole with other writers of this process.
    /// </summary>
    public sealed class StderrSink : ILogSink
    {
        private static readonly object Gate = new object();

        [ThreadStatic]
        private static StringBuilder builder;

        private readonly IConsoleFormatter formatter;
        private readonly int width;
        private readonly ColorSystem colors;

        public StderrSink(IConsoleFormatter formatter, int width, ColorSystem colors)
        {
            this.formatter = formatter;
            this.width = width;
            this.colors = colors;
        }

        public string Name => "standard error";

        public string Emit(LogRecord record)
        {
            StringBuilder output = builder ?? (builder = new StringBuilder(256));
            output.Clear();
            formatter.Format(record, width, colors, output);
            string text = output.ToString();
            if (output.Capacity > 1 << 16)
            {
                builder = null;
            }

            // Process-wide: every sink of every setup writes the one standard error.
            lock (Gate)
            {
                Console.Error.Write(text);
                Console.Error.Flush();
            }

            return null;
        }

        public void Flush(TimeSpan timeout)
        {
        }

        public void Dispose()
        {
        }
    }
}
