using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The spans of a text in list order (later spans win), with UTF-16 offsets. Growable arrays rather than a
    /// list of objects: a message can carry a million spans, and the log layout reuses one list per thread.
    /// </summary>
    internal sealed class SpanList
    {
        private int[] starts;
        private int[] ends;
        private string[] styles;

        public SpanList(int capacity = 8)
        {
            starts = new int[Math.Max(capacity, 1)];
            ends = new int[starts.Length];
            styles = new string[starts.Length];
        }

        public int Count { get; private set; }

        public int[] Starts => starts;

        public int[] Ends => ends;

        public string[] Styles => styles;

        public void Add(int start, int end, string style)
        {
            if (Count == starts.Length)
            {
                int size = starts.Length * 2;
                Array.Resize(ref starts, size);
                Array.Resize(ref ends, size);
                Array.Resize(ref styles, size);
            }

            starts[Count] = start;
            ends[Count] = end;
            styles[Count] = style;
            Count++;
        }

        public void Clear()
        {
            // Drop style references so a long-lived per-thread list does not pin large strings.
            Array.Clear(styles, 0, Count);
            Count = 0;
        }

        /// <summary>
        /// Rich's final markup order: the spans from <paramref name="first"/> on, reversed, then stably sorted by
        /// start. Keys pair the start with the reversed position, so an unstable sort gives the stable result.
        /// </summary>
        public void ReverseThenSortByStart(int first)
        {
            int count = Count - first;
            if (count < 2)
            {
                return;
            }

            Array.Reverse(starts, first, count);
            Array.Reverse(ends, first, count);
            Array.Reverse(styles, first, count);
            bool sorted = true;
            for (int i = first + 1; i < Count; i++)
            {
                if (starts[i] < starts[i - 1])
                {
                    sorted = false;
                    break;
                }
            }

            if (sorted)
            {
                return;
            }

            var keys = new long[count];
            var order = new int[count];
            for (int i = 0; i < count; i++)
            {
                keys[i] = ((long)starts[first + i] << 32) | (uint)i;
                order[i] = first + i;
            }

            Array.Sort(keys, order);
            var newStarts = new int[count];
            var newEnds = new int[count];
            var newStyles = new string[count];
            for (int i = 0; i < count; i++)
            {
                newStarts[i] = starts[order[i]];
                newEnds[i] = ends[order[i]];
                newStyles[i] = styles[order[i]];
            }

            Array.Copy(newStarts, 0, starts, first, count);
            Array.Copy(newEnds, 0, ends, first, count);
            Array.Copy(newStyles, 0, styles, first, count);
        }
    }
}
