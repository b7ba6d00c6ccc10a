using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich's word wrapping with <c>overflow="fold"</c> (<c>divide_line</c>, <c>rstrip_end</c>, <c>set_cell_size</c>),
    /// over UTF-16 ranges of one logical line; widths in cells, counts in code points, whitespace as Python's.
    /// </summary>
    internal static class LineBreaker
    {
        [ThreadStatic]
        private static List<int> chunkCounts;

        /// <summary>
        /// Appends the offsets where the line [start, end) breaks at <paramref name="width"/> cells. Words carry
        /// their trailing whitespace; a word that does not fit goes to the next line, and one longer than a whole
        /// line is folded into chunks (sized from the word's end and applied from its start, as Rich 13.3.1 does).
        /// </summary>
        public static void Divide(string text, int start, int end, int width, List<int> breaks)
        {
            int position = 0;
            int scan = start;
            while (true)
            {
                int word = scan;
                int cursor = scan;
                while (cursor < end && Config.PythonText.IsWhiteSpace(text[cursor]))
                {
                    cursor++;
                }

                if (cursor >= end)
                {
                    return;
                }

                while (cursor < end && !Config.PythonText.IsWhiteSpace(text[cursor]))
                {
                    cursor++;
                }

                int visibleEnd = cursor;
                while (cursor < end && Config.PythonText.IsWhiteSpace(text[cursor]))
                {
                    cursor++;
                }

                scan = cursor;
                int visible = CellWidth.Of(text, word, visibleEnd);
                if (position + visible <= width)
                {
                    position += CellWidth.Of(text, word, cursor);
                }
                else if (visible > width)
                {
                    position = Fold(text, word, cursor, start, width, breaks);
                }
                else if (position > 0 && word > start)
                {
                    breaks.Add(word);
                    position = CellWidth.Of(text, word, cursor);
                }
            }
        }

        /// <summary>
        /// Rich's <c>rstrip_end</c>: when the piece is longer than <paramref name="width"/> characters, drop up to
        /// the excess from its trailing whitespace. Whitespace that fits stays.
        /// </summary>
        public static int TrimEnd(string text, int start, int end, int width)
        {
            int length = PythonCharacters.CodePointCount(text, start, end);
            if (length <= width)
            {
                return end;
            }

            int excess = length - width;
            int trimmed = end;
            while (trimmed > start && end - trimmed < excess && Config.PythonText.IsWhiteSpace(text[trimmed - 1]))
            {
                trimmed--;
            }

            return trimmed;
        }

        /// <summary>
        /// Rich's <c>set_cell_size</c> for a piece wider than <paramref name="width"/>: the end of the characters
        /// kept, found by the same bisection over prefixes. When the cut falls inside a 2-cell character,
        /// <paramref name="halfCut"/> is true: that character (at the returned end) is replaced by one space.
        /// </summary>
        public static int Crop(string text, int start, int end, int width, out bool halfCut)
        {
            halfCut = false;
            if (width <= 0)
            {
                return start;
            }

            var offsets = new List<int>();
            var prefix = new List<int> { 0 };
            for (int i = start; i < end;)
            {
                offsets.Add(i);
                int cells = CellWidth.At(text, i, out int length);
                prefix.Add(prefix[prefix.Count - 1] + cells);
                i += length;
            }

            int low = 0;
            int high = offsets.Count;
            for (int guard = 0; guard < 128; guard++)
            {
                int middle = (low + high) / 2;
                int before = prefix[middle + 1];
                if (before == width + 1 && prefix[middle + 1] - prefix[middle] == 2)
                {
                    halfCut = true;
                    return offsets[middle];
                }

                if (before == width)
                {
                    return middle + 1 < offsets.Count ? offsets[middle + 1] : end;
                }

                if (before > width)
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }

            // Not reachable with widths of 0, 1 and 2; a plain scan keeps the output well-formed regardless.
            int kept = 0;
            while (kept < offsets.Count && prefix[kept + 1] <= width)
            {
                kept++;
            }

            return kept < offsets.Count ? offsets[kept] : end;
        }

        // chop_cells: fill chunks of at most 'width' cells from the end of the word; a break goes before each
        // chunk at a non-zero line offset, advancing by that chunk's character count from the word's start.
        private static int Fold(string text, int word, int wordEnd, int lineStart, int width, List<int> breaks)
        {
            List<int> counts = chunkCounts ?? (chunkCounts = new List<int>());
            counts.Clear();
            counts.Add(0);
            int total = 0;
            int lastCells = 0;
            for (int i = wordEnd; i > word;)
            {
                int at = i - 1;
                if (char.IsLowSurrogate(text[at]) && at > word && char.IsHighSurrogate(text[at - 1]))
                {
                    at--;
                }

                int cells = CellWidth.At(text, at, out _);
                if (total + cells > width)
                {
                    counts.Add(1);
                    total = cells;
                    lastCells = cells;
                }
                else
                {
                    total += cells;
                    counts[counts.Count - 1]++;
                    lastCells += cells;
                }

                i = at;
            }

            int start = word;
            int position = 0;
            for (int chunk = 0; chunk < counts.Count; chunk++)
            {
                if (start > lineStart)
                {
                    breaks.Add(start);
                }

                if (chunk == counts.Count - 1)
                {
                    position = lastCells;
                }
                else
                {
                    start = AdvanceCodePoints(text, start, wordEnd, counts[chunk]);
                }
            }

            if (counts.Count > 256)
            {
                chunkCounts = null;
            }

            return position;
        }

        private static int AdvanceCodePoints(string text, int index, int limit, int count)
        {
            for (int i = 0; i < count && index < limit; i++)
            {
                index += PythonCharacters.CharLength(text, index);
            }

            return index;
        }
    }
}
