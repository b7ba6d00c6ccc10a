using System.Collections.Generic;
using System.Threading;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Engine
{
    /// <summary>
    /// One setup's write path, immutable: the settings, the sinks every record goes to, and the formatter of the
    /// host's text (null unless the console is the host). <see cref="LogEngine"/> swaps whole pipelines, so a record
    /// sees one setup from start to end; the pipeline counts the writers inside it, so a new setup closes the sinks
    /// it retires only after the last of them has left.
    /// </summary>
    public sealed class LogPipeline
    {
        private readonly ILogSink[] sinks;
        private int writers;
        private int[] failuresReported;

        public LogPipeline(LogSettings settings, IReadOnlyList<ILogSink> sinks, IConsoleFormatter hostFormatter)
        {
            Settings = settings;
            this.sinks = new ILogSink[sinks?.Count ?? 0];
            for (int i = 0; i < this.sinks.Length; i++)
            {
                this.sinks[i] = sinks[i];
            }

            failuresReported = new int[this.sinks.Length];
            HostFormatter = hostFormatter;
        }

        public LogSettings Settings { get; }

        public IReadOnlyList<ILogSink> Sinks => sinks;

        /// <summary>The layout of the text handed back to the caller for its host, or null when the console is not the host.</summary>
        public IConsoleFormatter HostFormatter { get; }

        /// <summary>The file sink of this setup, or null.</summary>
        public FileSink File
        {
            get
            {
                foreach (ILogSink sink in sinks)
                {
                    if (sink is FileSink file)
                    {
                        return file;
                    }
                }

                return null;
            }
        }

        internal ILogSink[] SinkArray => sinks;

        internal int ActiveWriters => Volatile.Read(ref writers);

        internal void Enter() => Interlocked.Increment(ref writers);

        internal void Leave() => Interlocked.Decrement(ref writers);

        /// <summary>True the first time sink <paramref name="index"/> fails in this pipeline: a failing sink is reported once.</summary>
        internal bool FirstFailure(int index) => Interlocked.Exchange(ref failuresReported[index], 1) == 0;
    }
}
