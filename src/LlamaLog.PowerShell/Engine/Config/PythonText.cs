using System.Text;

namespace LlamaLog.Engine.Config
{
    /// <summary>Python's str.strip, str.lower and str.upper, independent of the current culture.</summary>
    public static class PythonText
    {
        public static bool IsWhiteSpace(char c)
        {
            return (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= ' ') || c == '\x85' || c == '\xa0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
        }

        public static string Strip(string text)
        {
            int start = 0;
            int end = text.Length;
            while (start < end && IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        public static string Lower(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c == '\u0130')
                {
                    builder.Append("i\u0307");
                }
                else
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        public static string Upper(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c == '\u00df')
                {
                    builder.Append("SS");
                }
                else
                {
                    builder.Append(char.ToUpperInvariant(c));
                }
            }

            return builder.ToString();
        }
    }
}
