using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>The control characters Rich removes from every text it builds: BEL, BS, VT, FF and CR. ESC and TAB stay.</summary>
    internal static class ControlCharacters
    {
        public static bool IsStripped(char c)
        {
            return c == '\u0007' || c == '\b' || c == '\u000B' || c == '\f' || c == '\r';
        }

        public static bool Contains(string text)
        {
            foreach (char c in text)
            {
                if (c <= '\r' && IsStripped(c))
                {
                    return true;
                }
            }

            return false;
        }

        public static string Strip(string text)
        {
            if (!Contains(text))
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c > '\r' || !IsStripped(c))
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
