using System;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Turns a styled text into ANSI output, one range at a time, as Rich's <c>Text.render</c> and
    /// <c>Style.render</c> do: a new segment starts wherever a span starts or ends, each segment with a visible
    /// style is written as <c>ESC[codes m</c> text <c>ESC[0m</c> and never merged with its neighbour, and links
    /// are wrapped in OSC 8. Ranges must be requested in increasing order: one sweep over the span boundaries
    /// serves the whole text. Tabs are expanded when the text is loaded (Rich expands them before wrapping).
    /// One instance per thread; it is reused for every record.
    /// </summary>
    internal sealed class SegmentRenderer
    {
        private const int TabSize = 8;

        [ThreadStatic]
        private static SegmentRenderer perThread;

        [ThreadStatic]
        private static Random linkIds;

        private readonly ActiveStyles active = new ActiveStyles();

        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int[] precedence = new int[16];
        private TextStyle[] styles = new TextStyle[16];
        private int spanCount;

        private long[] sortKeys = new long[16];
        private int[] enterOrder = new int[16];
        private int[] leaveOrder = new int[16];
        private int enterCount;
        private int leaveCount;
        private int nextEnter;
        private int nextLeave;

        private int[] zeroLength = new int[4];
        private int zeroCount;
        private int nextZero;

        private int[] linkIdOf = new int[16];
        private ColorSystem system;

        /// <summary>The loaded text, tabs expanded.</summary>
        public string Text { get; private set; }

        /// <summary>Whether the loaded text holds a line break or a tab (Rich then drops zero-length spans).</summary>
        public bool IsDivided { get; private set; }

        public static SegmentRenderer ForThread()
        {
            return perThread ?? (perThread = new SegmentRenderer());
        }

        /// <summary>
        /// Loads a text and its spans, resolving every style string first, so an invalid colour surfaces here,
        /// before anything is written.
        /// </summary>
        /// <exception cref="InvalidColorException">A span's style has an <c>rgb(...)</c> with an empty component.</exception>
        public void Load(string plain, SpanList spans, ColorSystem colorSystem)
        {
            system = colorSystem;
            EnsureSpanCapacity(spans.Count);
            spanCount = 0;
            for (int i = 0; i < spans.Count; i++)
            {
                starts[i] = spans.Starts[i];
                ends[i] = spans.Ends[i];
                precedence[i] = i;
                styles[i] = DefaultTheme.Resolve(spans.Styles[i]);
                linkIdOf[i] = -1;
                spanCount++;
            }

            Text = plain;
            IsDivided = plain.IndexOf('\n') >= 0;
            if (plain.IndexOf('\t') >= 0)
            {
                IsDivided = true;
                ExpandTabs();
            }
        }

        /// <summary>Releases references to the last text (a long-lived thread must not pin a huge message).</summary>
        public void Unload()
        {
            Text = null;
            Array.Clear(styles, 0, spanCount);
            spanCount = 0;
            active.Clear();
            if (starts.Length > 4096)
            {
                perThread = null;
            }
        }

        /// <summary>Prepares the sweep; zero-length spans count as boundaries only when Rich keeps them.</summary>
        public void Begin(bool keepZeroLength)
        {
            active.Clear();
            enterCount = 0;
            leaveCount = 0;
            zeroCount = 0;
            EnsureOrderCapacity(spanCount);
            for (int i = 0; i < spanCount; i++)
            {
                if (ends[i] > starts[i])
                {
                    enterOrder[enterCount++] = i;
                }
                else if (keepZeroLength)
                {
                    if (zeroCount == zeroLength.Length)
                    {
                        Array.Resize(ref zeroLength, zeroCount * 2);
                    }

                    zeroLength[zeroCount++] = starts[i];
                }
            }

            // Enter by start, in list order; leave by end, the latest-listed first (the usual top of the stack).
            SortBy(enterOrder, enterCount, starts, latestFirst: false);
            Array.Copy(enterOrder, leaveOrder, enterCount);
            leaveCount = enterCount;
            SortBy(leaveOrder, leaveCount, ends, latestFirst: true);
            Array.Sort(zeroLength, 0, zeroCount);
            nextEnter = 0;
            nextLeave = 0;
            nextZero = 0;
        }

        /// <summary>The cells of a range of the loaded text.</summary>
        public int Cells(int start, int end)
        {
            return CellWidth.Of(Text, start, end);
        }

        /// <summary>
        /// Writes the range [start, end) of the loaded text, segment by segment. With <paramref name="halfCut"/>,
        /// the character at <paramref name="end"/> (a wide character the crop cut in half) follows as one space
        /// in that character's style, inside the same segment when no span boundary separates them, as Rich's
        /// cropped text has it.
        /// </summary>
        public void Write(StringBuilder output, int start, int end, bool halfCut = false)
        {
            int limit = halfCut ? end + PythonCharacters.CharLength(Text, end) : end;
            if (limit <= start)
            {
                return;
            }

            SeekTo(start);
            int position = start;
            while (position < limit)
            {
                int boundary = Math.Min(NextBoundary(), limit);
                if (boundary > end)
                {
                    WriteSegment(output, Text, position, end, active.Current, withSpace: true);
                }
                else
                {
                    WriteSegment(output, Text, position, boundary, active.Current, withSpace: false);
                }

                position = boundary;
                if (position < limit)
                {
                    SeekTo(position);
                }
            }
        }

        /// <summary>Whether the style at a position shows anything in the colour system.</summary>
        public bool IsBareAt(int position)
        {
            SeekTo(position);
            return active.Current.IsBare(system);
        }

        /// <summary>Writes text in one style (the level column), as a single segment.</summary>
        public void WriteStyled(StringBuilder output, string text, TextStyle style)
        {
            WriteSegment(output, text, 0, text.Length, StyleState.From(style, -1), withSpace: false);
        }

        private void WriteSegment(StringBuilder output, string text, int start, int end, StyleState style, bool withSpace)
        {
            int length = end - start + (withSpace ? 1 : 0);
            if (length <= 0)
            {
                return;
            }

            if (style.IsBare(system))
            {
                AppendText(output, text, start, end, withSpace);
                return;
            }

            if (style.Link != null)
            {
                output.Append("\u001b]8;id=").Append(LinkId(style.LinkOwner).ToString(CultureInfo.InvariantCulture))
                    .Append(';').Append(style.Link).Append("\u001b\\");
            }

            int codes = output.Length;
            output.Append("\u001b[");
            int mark = output.Length;
            style.AppendSgr(output, system);
            if (output.Length == mark)
            {
                // Only a link (or attributes turned off): Rich writes the text without SGR.
                output.Length = codes;
                AppendText(output, text, start, end, withSpace);
            }
            else
            {
                output.Append('m');
                AppendText(output, text, start, end, withSpace);
                output.Append("\u001b[0m");
            }

            if (style.Link != null)
            {
                output.Append("\u001b]8;;\u001b\\");
            }
        }

        private static void AppendText(StringBuilder output, string text, int start, int end, bool withSpace)
        {
            output.Append(text, start, end - start);
            if (withSpace)
            {
                output.Append(' ');
            }
        }

        // A fresh random id per link span and render, as Rich gives every rendered link style a new one.
        private int LinkId(int owner)
        {
            Random random = linkIds ?? (linkIds = new Random(Guid.NewGuid().GetHashCode()));
            if (owner < 0 || owner >= spanCount)
            {
                return random.Next(0, 1000000);
            }

            if (linkIdOf[owner] < 0)
            {
                linkIdOf[owner] = random.Next(0, 1000000);
            }

            return linkIdOf[owner];
        }

        private void SeekTo(int offset)
        {
            while (true)
            {
                int leaveAt = nextLeave < leaveCount ? ends[leaveOrder[nextLeave]] : int.MaxValue;
                int enterAt = nextEnter < enterCount ? starts[enterOrder[nextEnter]] : int.MaxValue;
                if (leaveAt <= offset && leaveAt <= enterAt)
                {
                    int span = leaveOrder[nextLeave++];
                    active.Leave(precedence[span]);
                }
                else if (enterAt <= offset)
                {
                    int span = enterOrder[nextEnter++];
                    active.Enter(precedence[span], styles[span]);
                }
                else
                {
                    break;
                }
            }

            while (nextZero < zeroCount && zeroLength[nextZero] <= offset)
            {
                nextZero++;
            }
        }

        private int NextBoundary()
        {
            int boundary = int.MaxValue;
            if (nextLeave < leaveCount)
            {
                boundary = ends[leaveOrder[nextLeave]];
            }

            if (nextEnter < enterCount)
            {
                boundary = Math.Min(boundary, starts[enterOrder[nextEnter]]);
            }

            if (nextZero < zeroCount)
            {
                boundary = Math.Min(boundary, zeroLength[nextZero]);
            }

            return boundary;
        }

        private void SortBy(int[] order, int count, int[] offsets, bool latestFirst)
        {
            bool sorted = true;
            for (int i = 1; i < count && sorted; i++)
            {
                int a = order[i - 1];
                int b = order[i];
                sorted = offsets[a] < offsets[b] || (offsets[a] == offsets[b] && (latestFirst ? precedence[a] > precedence[b] : precedence[a] < precedence[b]));
            }

            if (sorted)
            {
                return;
            }

            if (sortKeys.Length < count)
            {
                sortKeys = new long[count];
            }

            for (int i = 0; i < count; i++)
            {
                int span = order[i];
                int rank = latestFirst ? int.MaxValue - precedence[span] : precedence[span];
                sortKeys[i] = ((long)offsets[span] << 32) | (uint)rank;
            }

            Array.Sort(sortKeys, order, 0, count);
        }

        // Rich's expand_tabs, per line: a TAB becomes a space that keeps the TAB's spans, plus bare spaces up to
        // the next multiple of 8 characters. Spans are split around the bare fill, keeping their list position.
        private void ExpandTabs()
        {
            string text = Text;
            var expanded = new StringBuilder(text.Length + 16);
            var map = new int[text.Length + 1];
            var fillAt = new System.Collections.Generic.List<int>();
            int column = 0;
            for (int i = 0; i < text.Length; i++)
            {
                map[i] = expanded.Length;
                char c = text[i];
                if (c == '\t')
                {
                    expanded.Append(' ');
                    column++;
                    int fill = (TabSize - (column % TabSize)) % TabSize;
                    fillAt.Add(i);
                    expanded.Append(' ', fill);
                    column += fill;
                }
                else
                {
                    expanded.Append(c);
                    if (c == '\n')
                    {
                        column = 0;
                    }
                    else if (!char.IsLowSurrogate(c) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
                    {
                        column++;
                    }
                }
            }

            map[text.Length] = expanded.Length;
            int count = spanCount;
            for (int span = 0; span < count; span++)
            {
                int start = starts[span];
                int end = ends[span];
                int newStart = map[start];

                // A span whose last character is a TAB covers that TAB's own space, not the fill after it.
                int newEnd = end > start && text[end - 1] == '\t' ? map[end - 1] + 1 : map[end];
                int search = fillAt.BinarySearch(start);
                int tab = search >= 0 ? search : ~search;
                bool first = true;
                for (; tab < fillAt.Count && fillAt[tab] < end - 1; tab++)
                {
                    // The span stops after this TAB's own space and resumes after the fill.
                    int cut = map[fillAt[tab]] + 1;
                    int resume = map[fillAt[tab] + 1];
                    AddPiece(span, first, newStart, cut);
                    first = false;
                    newStart = resume;
                }

                AddPiece(span, first, newStart, newEnd);
            }

            Text = expanded.ToString();
        }

        private void AddPiece(int span, bool first, int start, int end)
        {
            if (first)
            {
                starts[span] = start;
                ends[span] = end;
                return;
            }

            EnsureSpanCapacity(spanCount + 1);
            starts[spanCount] = start;
            ends[spanCount] = end;
            precedence[spanCount] = precedence[span];
            styles[spanCount] = styles[span];
            linkIdOf[spanCount] = -1;
            spanCount++;
        }

        private void EnsureSpanCapacity(int count)
        {
            if (starts.Length >= count)
            {
                return;
            }

            int size = Math.Max(count, starts.Length * 2);
            Array.Resize(ref starts, size);
            Array.Resize(ref ends, size);
            Array.Resize(ref precedence, size);
            Array.Resize(ref styles, size);
            Array.Resize(ref linkIdOf, size);
        }

        private void EnsureOrderCapacity(int count)
        {
            if (enterOrder.Length >= count)
            {
                return;
            }

            int size = Math.Max(count, enterOrder.Length * 2);
            enterOrder = new int[size];
            leaveOrder = new int[size];
        }
    }
}
