using System;
using System.Collections.Generic;
using System.Text;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// The seed's line format, <c>%(asctime)s %(name)s:%(lineno)d %(category)s: %(message)s</c>, with Python's
    /// asctime (<c>yyyy-MM-dd HH:mm:ss,fff</c>, local time), the message as plain text. Properties follow after three
    /// spaces as <c>key=value</c> pairs sorted by key, as OGX's renderer appends them to the event; exception details
    /// follow on indented lines, so every line that starts a record starts with its time. Digits are written by
    /// hand: no culture is involved.
    /// </summary>
    public sealed class TextLineFormatter : IRecordFormatter
    {
        public static readonly TextLineFormatter Instance = new TextLineFormatter();

        // "yyyy-MM-dd HH:mm:ss," of the last second formatted on this thread: records come many to a second.
        [ThreadStatic]
        private static string secondText;

        [ThreadStatic]
        private static long secondTicks;

        private TextLineFormatter()
        {
        }

        public void Format(LogRecord record, StringBuilder output)
        {
            AppendPrefix(output, record.Time, record.Name, record.Line, record.Category);
            output.Append(record.PlainMessage);
            AppendProperties(output, record.Properties);
            output.Append(Environment.NewLine);
            if (record.Exception != null)
            {
                foreach (string line in record.Exception.Lines())
                {
                    output.Append("    ").Append(line).Append(Environment.NewLine);
                }
            }
        }

        /// <summary>
        /// Appends <c>   key=value ...</c> (three spaces, then the pairs sorted by key as Python sorts strings, values as
        /// Python's <c>str()</c> prints them); nothing when there are no properties.
        /// </summary>
        public static void AppendProperties(StringBuilder output, IReadOnlyList<KeyValuePair<string, object>> properties)
        {
            if (properties.Count == 0)
            {
                return;
            }

            output.Append("   ");
            if (properties.Count == 1)
            {
                AppendPair(output, properties[0]);
                return;
            }

            var sorted = new KeyValuePair<string, object>[properties.Count];
            for (int i = 0; i < sorted.Length; i++)
            {
                sorted[i] = properties[i];
            }

            // Stable, so equal keys (which a dictionary cannot have, but a list can) keep their order.
            InsertionSort(sorted);
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(' ');
                }

                AppendPair(output, sorted[i]);
            }
        }

        /// <summary>Python's string order: by code point, which differs from UTF-16 order only above U+D7FF.</summary>
        public static int ComparePython(string a, string b)
        {
            int length = Math.Min(a.Length, b.Length);
            for (int i = 0; i < length; i++)
            {
                char x = a[i];
                char y = b[i];
                if (x == y)
                {
                    continue;
                }

                // Surrogates (code points above U+FFFF) sort after U+E000..U+FFFF by code point.
                bool xs = char.IsSurrogate(x);
                bool ys = char.IsSurrogate(y);
                if (xs != ys && (x >= '\uE000' || y >= '\uE000'))
                {
                    return xs ? 1 : -1;
                }

                return x < y ? -1 : 1;
            }

            return a.Length.CompareTo(b.Length);
        }

        private static void AppendPair(StringBuilder output, KeyValuePair<string, object> pair)
        {
            output.Append(pair.Key).Append('=');
            PythonValueText.Append(output, pair.Value);
        }

        private static void InsertionSort(KeyValuePair<string, object>[] items)
        {
            // Insertion sort: property lists are short, and this is stable without allocating.
            for (int i = 1; i < items.Length; i++)
            {
                KeyValuePair<string, object> item = items[i];
                int j = i - 1;
                while (j >= 0 && ComparePython(items[j].Key, item.Key) > 0)
                {
                    items[j + 1] = items[j];
                    j--;
                }

                items[j + 1] = item;
            }
        }

        /// <summary>Appends <c>asctime name:line category: </c>, the part before the message.</summary>
        public static StringBuilder AppendPrefix(StringBuilder builder, DateTime time, string name, int line, string category)
        {
            AppendAscTime(builder, time);
            builder.Append(' ').Append(name).Append(':');
            AppendInteger(builder, line);
            return builder.Append(' ').Append(category).Append(": ");
        }

        public static StringBuilder AppendAscTime(StringBuilder builder, DateTime time)
        {
            long second = time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond);
            if (secondText == null || second != secondTicks)
            {
                secondText = AppendSecond(new StringBuilder(20), time).ToString();
                secondTicks = second;
            }

            builder.Append(secondText);
            return AppendDigits(builder, time.Millisecond, 3);
        }

        private static StringBuilder AppendSecond(StringBuilder builder, DateTime time)
        {
            AppendDigits(builder, time.Year, 4).Append('-');
            AppendDigits(builder, time.Month, 2).Append('-');
            AppendDigits(builder, time.Day, 2).Append(' ');
            AppendDigits(builder, time.Hour, 2).Append(':');
            AppendDigits(builder, time.Minute, 2).Append(':');
            return AppendDigits(builder, time.Second, 2).Append(',');
        }

        public static string AscTime(DateTime time) => AppendAscTime(new StringBuilder(23), time).ToString();

        private static StringBuilder AppendDigits(StringBuilder builder, int value, int width)
        {
            int divisor = 1;
            for (int i = 1; i < width; i++)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                builder.Append((char)('0' + (value / divisor % 10)));
            }

            return builder;
        }

        private static void AppendInteger(StringBuilder builder, int value)
        {
            if (value < 0)
            {
                builder.Append('-');
                value = -value;
            }

            int divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                builder.Append((char)('0' + (value / divisor % 10)));
            }
        }
    }
}
