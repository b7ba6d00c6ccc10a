using System;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LlamaLog.Otlp
{
    /// <summary>
    /// Placed before the batch processor: the SDK's ILogger path stamps its own time and the trace context of
    /// the exporting thread, so this sets the record's own time, body and trace context (captured where the
    /// record was made) on the SDK's log record. Records are written from one thread at a time.
    /// </summary>
    internal sealed class RecordStampProcessor : BaseProcessor<LogRecord>
    {
        private DateTime time;
        private string body;
        private ActivityTraceId traceId;
        private ActivitySpanId spanId;
        private ActivityTraceFlags traceFlags;
        private string traceState;

        public void Next(DateTime utcTime, string message, string trace, string span, int flags, string state)
        {
            time = utcTime;
            body = message;
            if (trace != null && span != null)
            {
                traceId = ActivityTraceId.CreateFromString(trace.AsSpan());
                spanId = ActivitySpanId.CreateFromString(span.AsSpan());
                traceFlags = (ActivityTraceFlags)flags;
                traceState = state;
            }
            else
            {
                traceId = default;
                spanId = default;
                traceFlags = ActivityTraceFlags.None;
                traceState = null;
            }
        }

        public override void OnEnd(LogRecord data)
        {
            data.Timestamp = time;
            data.FormattedMessage = body;
            data.Body = null;
            data.TraceId = traceId;
            data.SpanId = spanId;
            data.TraceFlags = traceFlags;
            data.TraceState = traceState;
        }
    }
}
