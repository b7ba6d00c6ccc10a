using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// The exporter pipeline built by LlamaLog.Otlp in the private load context, seen through its delegates (BCL
    /// types only). <see cref="Write"/> is called from one thread at a time: the sink's export thread.
    /// </summary>
    public sealed class OtlpExporterChannel
    {
        private readonly Action<DateTime, int, string, string, IReadOnlyList<KeyValuePair<string, object>>, string, string, int, string> write;
        private readonly Func<int, bool> flush;
        private readonly Func<long[]> counts;
        private readonly Func<int, bool> shutdown;

        public OtlpExporterChannel(
            Action<DateTime, int, string, string, IReadOnlyList<KeyValuePair<string, object>>, string, string, int, string> write,
            Func<int, bool> flush,
            Func<long[]> counts,
            Func<int, bool> shutdown)
        {
            this.write = write;
            this.flush = flush;
            this.counts = counts;
            this.shutdown = shutdown;
        }

        /// <summary>Hands one record to the SDK's batch processor.</summary>
        public void Write(DateTime utcTime, int level, string scope, string body, IReadOnlyList<KeyValuePair<string, object>> attributes,
            string traceId, string spanId, int traceFlags, string traceState)
        {
            write(utcTime, level, scope, body, attributes, traceId, spanId, traceFlags, traceState);
        }

        /// <summary>Exports what the batch processor holds; false when the timeout passed first.</summary>
        public bool Flush(int timeoutMilliseconds) => flush(timeoutMilliseconds);

        /// <summary>Records written to the SDK, delivered by the exporter, and given up by it, in that order.</summary>
        public long[] Counts() => counts();

        /// <summary>Flushes within the timeout and stops the SDK's pipeline.</summary>
        public bool Shutdown(int timeoutMilliseconds) => shutdown(timeoutMilliseconds);
    }
}
