using System;
using System.Collections.Generic;
using System.Text;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The text Rich's <c>RichHandler</c> writes for one record, configured as Llama Stack configures it
    /// (no time or path column, markup on, the repr highlighter and HTTP keywords): the level column styled
    /// for the level, one space, then the message wrapped to the rest of the console width with continuation
    /// lines indented under it, each line ending in "\n". Invalid markup or an invalid colour shows the message
    /// literally, as Llama Stack's retry does, and never throws.
    /// </summary>
    /// <remarks>
    /// One deliberate difference from Rich: the bare pad spaces Rich appends to fill every line to the console
    /// width are not written (pass <c>padLines</c> to get them). Text the message holds, spaces included, is
    /// kept, and so are spaces that carry a visible style.
    /// </remarks>
    public static class RichHandlerLayout
    {
        /// <summary>Llama Stack's console width when <c>LLAMA_STACK_LOG_WIDTH</c> is not set.</summary>
        public const int DefaultWidth = 120;

        // Python's levelname.ljust(8).
        private const int LevelTextLength = 8;

        [ThreadStatic]
        private static SpanList scratchSpans;

        [ThreadStatic]
        private static List<int> scratchBreaks;

        [ThreadStatic]
        private static StringBuilder scratchOutput;

        // The level column of the last level name laid out on this thread: records mostly repeat their level,
        // and the column (text, style, cells) depends on the name alone.
        [ThreadStatic]
        private static string lastLevelName;

        [ThreadStatic]
        private static string lastLevelText;

        [ThreadStatic]
        private static TextStyle lastLevelStyle;

        /// <summary>Lays out a record at the default width (120), with markup on.</summary>
        /// <param name="levelNumber">The record's level; its Python name is used when <paramref name="levelName"/> is null.</param>
        /// <param name="levelName">The record's level name as Python shows it (<c>INFO</c>, <c>Level 25</c>), or null or empty.</param>
        /// <param name="message">The formatted line, markup included.</param>
        /// <param name="colorSystem">The console's colours; <see cref="ColorSystem.None"/> when it is not a terminal.</param>
        public static string Render(int levelNumber, string levelName, string message, ColorSystem colorSystem)
        {
            return Render(levelNumber, levelName, message, true, DefaultWidth, colorSystem, false);
        }

        /// <summary>Lays out a record.</summary>
        /// <param name="levelNumber">The record's level; its Python name is used when <paramref name="levelName"/> is null.</param>
        /// <param name="levelName">The record's level name as Python shows it (<c>INFO</c>, <c>Level 25</c>), or null or empty.</param>
        /// <param name="message">The formatted line, markup included.</param>
        /// <param name="markup">Whether to parse markup; when false the message is shown literally (still highlighted).</param>
        /// <param name="width">The console width in cells; nothing is written when it is 0 or less.</param>
        /// <param name="colorSystem">The console's colours; <see cref="ColorSystem.None"/> when it is not a terminal.</param>
        public static string Render(int levelNumber, string levelName, string message, bool markup, int width, ColorSystem colorSystem)
        {
            return Render(levelNumber, levelName, message, markup, width, colorSystem, false);
        }

        /// <summary>Lays out a record; with <paramref name="padLines"/>, every line is padded to the width exactly as Rich writes it.</summary>
        public static string Render(int levelNumber, string levelName, string message, bool markup, int width, ColorSystem colorSystem, bool padLines)
        {
            StringBuilder output = scratchOutput ?? (scratchOutput = new StringBuilder(256));
            output.Clear();
            Render(output, levelNumber, levelName, message, markup, width, colorSystem, padLines);
            string text = output.ToString();
            if (output.Capacity > 1 << 16)
            {
                // A huge record must not keep its buffer alive on this thread.
                scratchOutput = null;
            }

            return text;
        }

        /// <summary>Appends the record's text to <paramref name="output"/>.</summary>
        public static void Render(StringBuilder output, int levelNumber, string levelName, string message, bool markup, int width, ColorSystem colorSystem, bool padLines)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (width <= 0)
            {
                // Rich writes nothing at all for a console of no width.
                return;
            }

            LevelColumn(levelNumber, levelName, out string levelText, out TextStyle levelStyle);
            int levelCells = CellWidth.Of(levelText);
            int messageWidth = MessageWidth(width, levelCells);

            SpanList spans = Spans();
            SegmentRenderer renderer = SegmentRenderer.ForThread();
            try
            {
                Prepare(message ?? string.Empty, markup, colorSystem, spans, renderer);
                WriteLines(output, renderer, levelText, levelStyle, levelCells, messageWidth, padLines);
            }
            finally
            {
                Release(renderer, spans);
            }
        }

        /// <summary>The level column: the name padded as Python's <c>levelname.ljust(8)</c>, and its theme style.</summary>
        internal static void LevelColumn(int levelNumber, string levelName, out string text, out TextStyle style)
        {
            // PowerShell passes $null to a string parameter as "", so both mean "the Python name of the number".
            string name = string.IsNullOrEmpty(levelName) ? LevelNames.ToPythonName(levelNumber) : levelName;
            if (!string.Equals(name, lastLevelName, StringComparison.Ordinal))
            {
                lastLevelText = LevelText(name);
                lastLevelStyle = LevelStyle(name);
                lastLevelName = name;
            }

            text = lastLevelText;
            style = lastLevelStyle;
        }

        // Widths below 11 make Rich squeeze the level column; that is out of scope, but the message column keeps
        // at least one cell so the output stays well-formed.
        internal static int MessageWidth(int width, int levelCells) => Math.Max(1, width - levelCells - 1);

        internal static SpanList Spans() => scratchSpans ?? (scratchSpans = new SpanList());

        internal static void Release(SegmentRenderer renderer, SpanList spans)
        {
            renderer.Unload();
            spans.Clear();
            if (spans.Starts.Length > 4096)
            {
                scratchSpans = null;
            }
        }

        // Markup, then highlighting (so it overrides markup), then keywords; on invalid markup or an invalid
        // colour, the literal message (control characters still stripped), highlighted the same way.
        internal static void Prepare(string message, bool markup, ColorSystem colorSystem, SpanList spans, SegmentRenderer renderer)
        {
            spans.Clear();
            if (markup)
            {
                try
                {
                    string plain = MarkupParser.Parse(message, emoji: true, spans);
                    Highlight(plain, spans);
                    renderer.Load(plain, spans, colorSystem);
                    return;
                }
                catch (MarkupException)
                {
                }
                catch (InvalidColorException)
                {
                }

                spans.Clear();
            }

            string literal = ControlCharacters.Strip(message);
            Highlight(literal, spans);
            renderer.Load(literal, spans, colorSystem);
        }

        internal static void Highlight(string plain, SpanList spans)
        {
            ReprHighlighter.Highlight(plain, spans);
            LogKeywordHighlighter.Highlight(plain, spans);
        }

        private static void WriteLines(StringBuilder output, SegmentRenderer renderer, string levelText, TextStyle levelStyle, int levelCells, int width, bool padLines)
        {
            string text = renderer.Text;
            List<int> breaks = scratchBreaks ?? (scratchBreaks = new List<int>());
            breaks.Clear();
            int lineStart = 0;
            int lineEnd = LineEnd(text, lineStart);
            LineBreaker.Divide(text, lineStart, lineEnd, width, breaks);

            // Rich keeps zero-length spans (segment boundaries) only in a text it never had to divide.
            renderer.Begin(keepZeroLength: !renderer.IsDivided && breaks.Count == 0);
            bool first = true;
            while (true)
            {
                int pieceStart = lineStart;
                for (int piece = 0; piece <= breaks.Count; piece++)
                {
                    int pieceEnd = piece < breaks.Count ? breaks[piece] : lineEnd;
                    WritePiece(output, renderer, pieceStart, pieceEnd, first, levelText, levelStyle, levelCells, width, padLines);
                    first = false;
                    pieceStart = pieceEnd;
                }

                if (lineEnd >= text.Length)
                {
                    break;
                }

                lineStart = lineEnd + 1;
                lineEnd = LineEnd(text, lineStart);
                breaks.Clear();
                LineBreaker.Divide(text, lineStart, lineEnd, width, breaks);
            }

            if (breaks.Capacity > 1024)
            {
                scratchBreaks = null;
            }
        }

        private static int LineEnd(string text, int lineStart)
        {
            int end = text.IndexOf('\n', lineStart);
            return end < 0 ? text.Length : end;
        }

        private static void WritePiece(StringBuilder output, SegmentRenderer renderer, int start, int end, bool first, string levelText, TextStyle levelStyle, int levelCells, int width, bool padLines)
        {
            end = LineBreaker.TrimEnd(renderer.Text, start, end, width);
            bool halfCut = false;
            if (renderer.Cells(start, end) > width)
            {
                end = LineBreaker.Crop(renderer.Text, start, end, width, out halfCut);
            }

            // A wide character cut in half becomes a space: written when it is styled (or when padding anyway).
            bool writeHalf = halfCut && (padLines || !renderer.IsBareAt(end));
            bool content = end > start || writeHalf;
            if (first)
            {
                renderer.WriteStyled(output, levelText, levelStyle);
                if (content || padLines)
                {
                    output.Append(' ');
                }
            }
            else if (content || padLines)
            {
                output.Append(' ', levelCells + 1);
            }

            renderer.Write(output, start, end, writeHalf);

            if (padLines)
            {
                int used = renderer.Cells(start, end) + (halfCut ? 1 : 0);
                output.Append(' ', Math.Max(0, width - used));
            }

            output.Append('\n');
        }

        // record.levelname.ljust(8): padded to 8 characters, never cut. Control characters are stripped as in
        // any Rich text; a line break or tab in a custom name would break the layout, so it becomes a space.
        private static string LevelText(string name)
        {
            string text = ControlCharacters.Strip(name).Replace('\n', ' ').Replace('\t', ' ');
            int length = PythonCharacters.CodePointCount(text, 0, text.Length);
            return length < LevelTextLength ? text + new string(' ', LevelTextLength - length) : text;
        }

        private static TextStyle LevelStyle(string name)
        {
            try
            {
                return DefaultTheme.Resolve("logging.level." + Config.PythonText.Lower(name));
            }
            catch (InvalidColorException)
            {
                return TextStyle.Null;
            }
        }
    }
}
