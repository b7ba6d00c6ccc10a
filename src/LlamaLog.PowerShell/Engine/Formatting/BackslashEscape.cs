using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// The backslash escapes JSON and Python string literals write alike: <c>\\</c>, <c>\"</c>, <c>\n</c>,
    /// <c>\r</c>, <c>\t</c>, and a code point as a fixed number of lowercase hex digits (<c>\u00e9</c>).
    /// Each encoder adds its own (JSON's <c>\b</c> and <c>\f</c>, Python's <c>\'</c> and <c>\xHH</c>).
    /// </summary>
    internal static class BackslashEscape
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>Appends the two-character escape of <paramref name="c"/>; false, and nothing written, when it has none here.</summary>
        public static bool TryAppendShort(StringBuilder output, char c)
        {
            switch (c)
            {
                case '\\':
                    output.Append("\\\\");
                    return true;
                case '"':
                    output.Append("\\\"");
                    return true;
                case '\n':
                    output.Append("\\n");
                    return true;
                case '\r':
                    output.Append("\\r");
                    return true;
                case '\t':
                    output.Append("\\t");
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Appends a backslash, <paramref name="kind"/> ('x', 'u' or 'U') and <paramref name="digits"/> hex digits.</summary>
        public static void AppendHex(StringBuilder output, char kind, int codePoint, int digits)
        {
            output.Append('\\').Append(kind);
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            {
                output.Append(HexDigits[(codePoint >> shift) & 0xF]);
            }
        }
    }
}
