using System.Threading;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;

namespace LlamaLog.Otlp
{
    /// <summary>
    /// The OTLP exporter with counts of what it delivered (to the receiver, or to the disk retry folder) and what
    /// it gave up on: the SDK keeps such counts internal, and LlamaLog reports them.
    /// </summary>
    internal sealed class CountingExporter : BaseExporter<LogRecord>
    {
        private readonly OtlpLogExporter inner;
        private long exported;
        private long failed;
        private bool parentSet;

        public CountingExporter(OtlpLogExporter inner)
        {
            this.inner = inner;
        }

        public long Exported => Interlocked.Read(ref exported);

        public long Failed => Interlocked.Read(ref failed);

        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            if (!parentSet)
            {
                // The inner exporter reads the resource from its provider, which the SDK sets only on the exporter
                // it was given (this one), through an internal setter.
                typeof(BaseExporter<LogRecord>).GetProperty(nameof(ParentProvider)).SetValue(inner, ParentProvider);
                parentSet = true;
            }

            ExportResult result;
            try
            {
                result = inner.Export(batch);
            }
            catch (System.Exception)
            {
                // The SDK's exporters do not throw; should one do so, the batch is lost and counted as such.
                result = ExportResult.Failure;
            }

            Interlocked.Add(ref result == ExportResult.Success ? ref exported : ref failed, batch.Count);
            return result;
        }

        protected override bool OnForceFlush(int timeoutMilliseconds) => inner.ForceFlush(timeoutMilliseconds);

        protected override bool OnShutdown(int timeoutMilliseconds) => inner.Shutdown(timeoutMilliseconds);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
