namespace LlamaLog.Engine.Records
{
    /// <summary>The W3C trace context a record was written in: ids as lowercase hex, the flags byte, the trace state.</summary>
    public sealed class TraceContext
    {
        public TraceContext(string traceId, string spanId, byte flags, string traceState)
        {
            TraceId = traceId;
            SpanId = spanId;
            Flags = flags;
            TraceState = traceState;
        }

        /// <summary>32 lowercase hex digits.</summary>
        public string TraceId { get; }

        /// <summary>16 lowercase hex digits.</summary>
        public string SpanId { get; }

        public byte Flags { get; }

        /// <summary>The tracestate header's value, or null.</summary>
        public string TraceState { get; }
    }
}
