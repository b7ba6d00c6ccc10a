using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// Reads a W3C <c>traceparent</c> value (<c>00-&lt;32 hex&gt;-&lt;16 hex&gt;-&lt;2 hex&gt;</c>) as the Trace Context
    /// specification says: lowercase hex only, version ff invalid, all-zero ids invalid; a version above 00 may carry
    /// more fields after the flags.
    /// </summary>
    public static class TraceParentParser
    {
        /// <summary>The context, or null with <paramref name="problem"/> saying why the value is invalid.</summary>
        public static TraceContext Parse(string traceParent, string traceState, out string problem)
        {
            problem = null;
            string value = traceParent?.Trim() ?? string.Empty;
            if (value.Length < 55 || value[2] != '-' || value[35] != '-' || value[52] != '-')
            {
                problem = "is not version-traceid-spanid-flags (00-<32 hex>-<16 hex>-<2 hex>)";
                return null;
            }

            string version = value.Substring(0, 2);
            string traceId = value.Substring(3, 32);
            string spanId = value.Substring(36, 16);
            string flags = value.Substring(53, 2);
            if (!IsLowerHex(version) || !IsLowerHex(traceId) || !IsLowerHex(spanId) || !IsLowerHex(flags))
            {
                problem = "has a character that is not lowercase hex";
            }
            else if (version == "ff")
            {
                problem = "has version ff, which is invalid";
            }
            else if (version == "00" && value.Length != 55)
            {
                problem = "has more than four fields for version 00";
            }
            else if (value.Length > 55 && value[55] != '-')
            {
                problem = "has extra characters after the flags";
            }
            else if (IsAllZero(traceId))
            {
                problem = "has an all-zero trace id";
            }
            else if (IsAllZero(spanId))
            {
                problem = "has an all-zero span id";
            }

            if (problem != null)
            {
                return null;
            }

            byte flagByte = (byte)((HexValue(flags[0]) << 4) | HexValue(flags[1]));
            string state = string.IsNullOrWhiteSpace(traceState) ? null : traceState.Trim();
            return new TraceContext(traceId, spanId, flagByte, state);
        }

        private static bool IsLowerHex(string text)
        {
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

        private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
    }
}
