using System;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// <see cref="RichHandlerLayout"/> for a log line made of a prefix (asctime, name, line, category, ": ") and a
    /// message, faster and with the same output: the prefix's styled text is kept per thread, so a run of records
    /// in the same millisecond lays out only their messages.
    /// </summary>
    /// <remarks>
    /// The two halves can be laid out apart only where nothing in Rich can reach across the space that ends the
    /// prefix: no markup in the prefix (no '[', '\\', and no emoji code), nothing the highlighter could join to the
    /// message (no '&lt;', '&gt;', quote, '=' or '('), and one line of output (no wrap, line break or tab). Any
    /// other record takes <see cref="RichHandlerLayout"/>'s own path. Tests compare both paths record by record.
    /// </remarks>
    public static class RecordLineLayout
    {
        private static readonly char[] Unsafe = { '[', ']', '\\', '<', '>', '\'', '"', '=', '(' };

        [ThreadStatic]
        private static StyledPrefix lastPrefix;

        /// <summary>
        /// Appends the layout of <paramref name="line"/>, which is <paramref name="prefixLength"/> characters of
        /// prefix followed by <paramref name="message"/>: exactly what
        /// <see cref="RichHandlerLayout.Render(StringBuilder, int, string, string, bool, int, ColorSystem, bool)"/>
        /// appends for the line, without padding.
        /// </summary>
        public static void Render(StringBuilder output, int levelNumber, string levelName, string line, int prefixLength, string message, bool markup, int width, ColorSystem colorSystem)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            int mark = output.Length;
            if (!TryRender(output, levelNumber, levelName, line, prefixLength, message, markup, width, colorSystem))
            {
                output.Length = mark;
                RichHandlerLayout.Render(output, levelNumber, levelName, line, markup, width, colorSystem, false);
            }
        }

        private static bool TryRender(StringBuilder output, int levelNumber, string levelName, string line, int prefixLength, string message, bool markup, int width, ColorSystem colorSystem)
        {
            if (width <= 0 || line == null || message == null || prefixLength <= 0 || prefixLength + message.Length != line.Length
                || string.CompareOrdinal(line, prefixLength, message, 0, message.Length) != 0)
            {
                return false;
            }

            StyledPrefix prefix = PrefixOf(line, prefixLength, colorSystem);
            if (!prefix.Separable)
            {
                return false;
            }

            RichHandlerLayout.LevelColumn(levelNumber, levelName, out string levelText, out TextStyle levelStyle);
            int messageWidth = RichHandlerLayout.MessageWidth(width, CellWidth.Of(levelText));
            SpanList spans = RichHandlerLayout.Spans();
            SegmentRenderer renderer = SegmentRenderer.ForThread();
            try
            {
                RichHandlerLayout.Prepare(message, markup, colorSystem, spans, renderer);
                string text = renderer.Text;

                // One output line, neither wrapped nor cropped nor trimmed: within the width by cells and by characters.
                if (renderer.IsDivided
                    || prefix.Cells + renderer.Cells(0, text.Length) > messageWidth
                    || prefix.CodePoints + PythonCharacters.CodePointCount(text, 0, text.Length) > messageWidth)
                {
                    return false;
                }

                renderer.Begin(keepZeroLength: true);
                renderer.WriteStyled(output, levelText, levelStyle);
                output.Append(' ').Append(prefix.Styled);
                renderer.Write(output, 0, text.Length);
                output.Append('\n');
                return true;
            }
            finally
            {
                RichHandlerLayout.Release(renderer, spans);
            }
        }

        private static StyledPrefix PrefixOf(string line, int prefixLength, ColorSystem colorSystem)
        {
            StyledPrefix last = lastPrefix;
            if (last != null && last.Colors == colorSystem && last.Text.Length == prefixLength
                && string.CompareOrdinal(line, 0, last.Text, 0, prefixLength) == 0)
            {
                return last;
            }

            last = StyledPrefix.Lay(line.Substring(0, prefixLength), colorSystem);
            lastPrefix = last;
            return last;
        }

        private sealed class StyledPrefix
        {
            private StyledPrefix(string text, ColorSystem colors)
            {
                Text = text;
                Colors = colors;
            }

            public string Text { get; }

            public ColorSystem Colors { get; }

            public bool Separable { get; private set; }

            public string Styled { get; private set; }

            public int Cells { get; private set; }

            public int CodePoints { get; private set; }

            public static StyledPrefix Lay(string text, ColorSystem colors)
            {
                var prefix = new StyledPrefix(text, colors);
                if (text.Length == 0 || text[text.Length - 1] != ' ' || text.IndexOfAny(Unsafe) >= 0 || HasControl(text))
                {
                    return prefix;
                }

                SpanList spans = RichHandlerLayout.Spans();
                SegmentRenderer renderer = SegmentRenderer.ForThread();
                try
                {
                    // An emoji code (":smile:") would be markup too: the prefix must parse to itself.
                    string plain = MarkupParser.Parse(text, emoji: true, spans);
                    if (spans.Count != 0 || !string.Equals(plain, text, StringComparison.Ordinal))
                    {
                        return prefix;
                    }

                    RichHandlerLayout.Highlight(text, spans);
                    renderer.Load(text, spans, colors);
                    renderer.Begin(keepZeroLength: true);
                    var styled = new StringBuilder(text.Length * 4);
                    renderer.Write(styled, 0, text.Length);
                    prefix.Styled = styled.ToString();
                    prefix.Cells = renderer.Cells(0, text.Length);
                    prefix.CodePoints = PythonCharacters.CodePointCount(text, 0, text.Length);
                    prefix.Separable = true;
                    return prefix;
                }
                catch (MarkupException)
                {
                    return prefix;
                }
                catch (InvalidColorException)
                {
                    return prefix;
                }
                finally
                {
                    RichHandlerLayout.Release(renderer, spans);
                }
            }

            private static bool HasControl(string text)
            {
                foreach (char c in text)
                {
                    if (c < ' ' || c == '\u007f')
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
