using System;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Reads the times the formats write, by hand and without a culture: Python's asctime
    /// (<c>yyyy-MM-dd HH:mm:ss,fff</c>, local time) and ISO 8601 as Python's <c>isoformat</c> writes it
    /// (<c>T</c>, optional fraction of up to 7 digits, <c>Z</c> or <c>±hh:mm</c>, or nothing for local time).
    /// </summary>
    internal sealed class LogTimestamps
    {
        // The local offset of the last minute converted: records come many to a minute, and an offset changes only
        // at a minute boundary (daylight saving time moves on whole or half hours).
        private long offsetMinute = long.MinValue;
        private TimeSpan offset;

        /// <summary>The length of an asctime: <c>2026-05-07 15:43:12,345</c>.</summary>
        public const int AscTimeLength = 23;

        /// <summary>Whether <paramref name="text"/> holds an asctime at <paramref name="start"/>, read as local time.</summary>
        public bool TryParseAscTime(string text, int start, out DateTimeOffset time)
        {
            time = default;
            if (text.Length - start < AscTimeLength || text[start + 4] != '-' || text[start + 7] != '-' || text[start + 10] != ' '
                || text[start + 13] != ':' || text[start + 16] != ':' || text[start + 19] != ',')
            {
                return false;
            }

            if (!Digits(text, start, 4, out int year) || !Digits(text, start + 5, 2, out int month) || !Digits(text, start + 8, 2, out int day)
                || !Digits(text, start + 11, 2, out int hour) || !Digits(text, start + 14, 2, out int minute)
                || !Digits(text, start + 17, 2, out int second) || !Digits(text, start + 20, 3, out int millisecond))
            {
                return false;
            }

            if (!TryTicks(year, month, day, hour, minute, second, out long ticks))
            {
                return false;
            }

            ticks += millisecond * TimeSpan.TicksPerMillisecond;
            return TryCreate(ticks, LocalOffset(ticks), out time);
        }

        /// <summary>
        /// Whether <paramref name="text"/> holds an ISO 8601 time between <paramref name="start"/> and
        /// <paramref name="end"/> exactly; without an offset it is local time.
        /// </summary>
        public bool TryParseIso(string text, int start, int end, out DateTimeOffset time)
        {
            time = default;
            if (end - start < 19 || text[start + 4] != '-' || text[start + 7] != '-' || (text[start + 10] != 'T' && text[start + 10] != ' ')
                || text[start + 13] != ':' || text[start + 16] != ':')
            {
                return false;
            }

            if (!Digits(text, start, 4, out int year) || !Digits(text, start + 5, 2, out int month) || !Digits(text, start + 8, 2, out int day)
                || !Digits(text, start + 11, 2, out int hour) || !Digits(text, start + 14, 2, out int minute)
                || !Digits(text, start + 17, 2, out int second) || !TryTicks(year, month, day, hour, minute, second, out long ticks))
            {
                return false;
            }

            int i = start + 19;
            if (i < end && text[i] == '.')
            {
                i++;
                long fraction = 0;
                int digits = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (text[i] - '0');
                        digits++;
                    }

                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (int d = digits; d < 7; d++)
                {
                    fraction *= 10;
                }

                ticks += fraction;
            }

            if (i == end)
            {
                return TryCreate(ticks, LocalOffset(ticks), out time);
            }

            if (text[i] == 'Z' && i + 1 == end)
            {
                return TryCreate(ticks, TimeSpan.Zero, out time);
            }

            if ((text[i] == '+' || text[i] == '-') && end - i == 6 && text[i + 3] == ':'
                && Digits(text, i + 1, 2, out int offsetHours) && Digits(text, i + 4, 2, out int offsetMinutes) && offsetHours < 15 && offsetMinutes < 60)
            {
                var zone = new TimeSpan(offsetHours, offsetMinutes, 0);
                return zone <= MaxOffset && TryCreate(ticks, text[i] == '-' ? zone.Negate() : zone, out time);
            }

            return false;
        }

        private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

        // DateTimeOffset throws when the time in UTC falls outside DateTime's range (year 1 at +02:00).
        private static bool TryCreate(long ticks, TimeSpan zone, out DateTimeOffset time)
        {
            long utc = ticks - zone.Ticks;
            if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
            {
                time = default;
                return false;
            }

            time = new DateTimeOffset(ticks, zone);
            return true;
        }

        private TimeSpan LocalOffset(long ticks)
        {
            long minute = ticks / TimeSpan.TicksPerMinute;
            if (minute != offsetMinute)
            {
                offset = TimeZoneInfo.Local.GetUtcOffset(new DateTime(minute * TimeSpan.TicksPerMinute, DateTimeKind.Unspecified));
                offsetMinute = minute;
            }

            return offset;
        }

        private static bool TryTicks(int year, int month, int day, int hour, int minute, int second, out long ticks)
        {
            ticks = 0;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
            return true;
        }

        internal static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }
    }
}
