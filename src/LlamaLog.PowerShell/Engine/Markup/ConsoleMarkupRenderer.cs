using System;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Markup rendered on its own, as Rich's <c>console.print(markup, end="", soft_wrap=True)</c> writes it: no
    /// wrapping, no trailing newline, tabs expanded to multiples of 8, and (as Rich does at the console width)
    /// trailing whitespace beyond the width trimmed from a longer line.
    /// </summary>
    public static class ConsoleMarkupRenderer
    {
        /// <summary>Renders markup for a colour system; <see cref="ColorSystem.None"/> gives the text without escapes.</summary>
        /// <param name="markup">The markup.</param>
        /// <param name="colorSystem">The colours to write.</param>
        /// <param name="highlight">Apply the repr highlighter under the markup (markup styles win), as <c>console.print</c> does by default.</param>
        /// <exception cref="MarkupException">The markup is invalid.</exception>
        /// <exception cref="InvalidColorException">A style holds an <c>rgb(...)</c> with an empty component.</exception>
        public static string Render(string markup, ColorSystem colorSystem, bool highlight)
        {
            return Render(markup, colorSystem, highlight, RichHandlerLayout.DefaultWidth);
        }

        /// <summary>Renders markup for a colour system, trimming overlong lines' trailing whitespace at <paramref name="width"/> characters.</summary>
        /// <exception cref="MarkupException">The markup is invalid.</exception>
        /// <exception cref="InvalidColorException">A style holds an <c>rgb(...)</c> with an empty component.</exception>
        public static string Render(string markup, ColorSystem colorSystem, bool highlight, int width)
        {
            if (markup == null)
            {
                throw new ArgumentNullException(nameof(markup));
            }

            var parsed = new SpanList();
            string plain = MarkupParser.Parse(markup, emoji: true, parsed);
            SpanList spans = parsed;
            if (highlight)
            {
                // console.print highlights the plain text, then copies the markup spans over it.
                spans = new SpanList(parsed.Count + 8);
                ReprHighlighter.Highlight(plain, spans);
                for (int i = 0; i < parsed.Count; i++)
                {
                    spans.Add(parsed.Starts[i], parsed.Ends[i], parsed.Styles[i]);
                }
            }

            SegmentRenderer renderer = SegmentRenderer.ForThread();
            try
            {
                renderer.Load(plain, spans, colorSystem);
                renderer.Begin(keepZeroLength: !renderer.IsDivided);
                string text = renderer.Text;
                var output = new StringBuilder(text.Length + 16);
                int lineStart = 0;
                while (true)
                {
                    int lineEnd = text.IndexOf('\n', lineStart);
                    bool last = lineEnd < 0;
                    if (last)
                    {
                        lineEnd = text.Length;
                    }

                    renderer.Write(output, lineStart, LineBreaker.TrimEnd(text, lineStart, lineEnd, Math.Max(width, 1)));
                    if (last)
                    {
                        break;
                    }

                    output.Append('\n');
                    lineStart = lineEnd + 1;
                }

                return output.ToString();
            }
            finally
            {
                renderer.Unload();
            }
        }
    }
}
