using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// RichHandler's keyword highlighting: every occurrence of an HTTP method name, case-sensitive and with no
    /// word boundaries (so <c>TARGET</c> shows a bold yellow <c>GET</c>), gets the <c>logging.keyword</c> style.
    /// </summary>
    public static class LogKeywordHighlighter
    {
        private static readonly string[] Words = { "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH" };

        /// <summary>The keywords, in the order Rich tries them.</summary>
        public static System.Collections.Generic.IReadOnlyList<string> Keywords => Words;

        /// <summary>Adds a <c>logging.keyword</c> span for each keyword, after the spans the text already has.</summary>
        public static void Highlight(StyledText text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            Highlight(text.Plain, text.SpanList);
        }

        internal static void Highlight(string text, SpanList spans)
        {
            int position = 0;
            while (position < text.Length)
            {
                char c = text[position];
                int length = 0;
                if (c == 'G' || c == 'P' || c == 'H' || c == 'D' || c == 'O' || c == 'T')
                {
                    foreach (string keyword in Words)
                    {
                        if (keyword[0] == c && position + keyword.Length <= text.Length
                            && string.CompareOrdinal(text, position, keyword, 0, keyword.Length) == 0)
                        {
                            length = keyword.Length;
                            break;
                        }
                    }
                }

                if (length > 0)
                {
                    spans.Add(position, position + length, "logging.keyword");
                    position += length;
                }
                else
                {
                    position++;
                }
            }
        }
    }
}
