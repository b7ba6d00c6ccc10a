using System;

namespace LlamaLog.Engine.Records
{
    /// <summary>
    /// A W3C trace context (<c>traceparent</c>: version, trace id, parent span id, flags; and <c>tracestate</c>):
    /// what correlates a record with the trace it was written in.
    /// </summary>
    public sealed class TraceContext
    {
        public TraceContext(string traceId, string spanId, byte flags, string traceState)
        {
            if (!IsLowerHex(traceId, 32) || IsAllZero(traceId))
            {
                throw new ArgumentException("A trace id is 32 lowercase hex digits, not all zero: '" + traceId + "'.", nameof(traceId));
            }

            if (!IsLowerHex(spanId, 16) || IsAllZero(spanId))
            {
                throw new ArgumentException("A span id is 16 lowercase hex digits, not all zero: '" + spanId + "'.", nameof(spanId));
            }

            TraceId = traceId;
            SpanId = spanId;
            Flags = flags;
            TraceState = string.IsNullOrEmpty(traceState) ? null : traceState;
        }

        /// <summary>32 lowercase hex digits.</summary>
        public string TraceId { get; }

        /// <summary>16 lowercase hex digits.</summary>
        public string SpanId { get; }

        /// <summary>The trace flags; bit 0 is "sampled".</summary>
        public byte Flags { get; }

        /// <summary>The <c>tracestate</c> header value, or null.</summary>
        public string TraceState { get; }

        /// <summary>
        /// Parses a <c>traceparent</c> value by the W3C rules: <c>00-&lt;32 hex&gt;-&lt;16 hex&gt;-&lt;2 hex&gt;</c>,
        /// lowercase; version <c>ff</c> and all-zero ids are invalid. A later version may carry more fields after the
        /// flags (separated by '-'), which are ignored. Returns null and a reason when the value is not valid.
        /// </summary>
        public static TraceContext TryParse(string traceParent, string traceState, out string problem)
        {
            problem = null;
            string value = traceParent?.Trim() ?? string.Empty;
            if (value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-')
            {
                problem = "it is not of the form 00-<32 hex digits>-<16 hex digits>-<2 hex digits>";
                return null;
            }

            string version = value.Substring(0, 2);
            if (!IsLowerHex(version, 2) || version == "ff")
            {
                problem = "its version '" + version + "' is not two lowercase hex digits other than ff";
                return null;
            }

            if (version == "00" && value.Length != 55)
            {
                problem = "version 00 has exactly four fields";
                return null;
            }

            if (value.Length > 55 && value[55] != '-')
            {
                problem = "the flags are not followed by '-'";
                return null;
            }

            string traceId = value.Substring(3, 32);
            string spanId = value.Substring(36, 16);
            string flags = value.Substring(53, 2);
            if (!IsLowerHex(traceId, 32) || IsAllZero(traceId))
            {
                problem = "its trace id is not 32 lowercase hex digits, not all zero";
                return null;
            }

            if (!IsLowerHex(spanId, 16) || IsAllZero(spanId))
            {
                problem = "its parent id is not 16 lowercase hex digits, not all zero";
                return null;
            }

            if (!IsLowerHex(flags, 2))
            {
                problem = "its flags are not two lowercase hex digits";
                return null;
            }

            return new TraceContext(traceId, spanId, (byte)Convert.ToInt32(flags, 16), traceState);
        }

        /// <summary>The <c>traceparent</c> value of this context (version 00).</summary>
        public override string ToString()
        {
            return "00-" + TraceId + "-" + SpanId + "-" + ((int)Flags).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static bool IsLowerHex(string text, int length)
        {
            if (text == null || text.Length != length)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAllZero(string text)
        {
            foreach (char c in text)
            {
                if (c != '0')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
