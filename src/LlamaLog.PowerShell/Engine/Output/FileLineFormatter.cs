using System;
using System.Text;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// The seed's line format, <c>%(asctime)s %(name)s:%(lineno)d %(category)s: %(message)s</c>, with Python's
    /// asctime (<c>yyyy-MM-dd HH:mm:ss,fff</c>, local time). Digits are written by hand: no culture is involved.
    /// </summary>
    public static class FileLineFormatter
    {
        // "yyyy-MM-dd HH:mm:ss," of the last second formatted on this thread: records come many to a second.
        [ThreadStatic]
        private static string secondText;

        [ThreadStatic]
        private static long secondTicks;

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
