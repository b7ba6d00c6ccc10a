using System;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// A <see cref="DateTime"/> or <see cref="DateTimeOffset"/> as Python prints the <c>datetime</c> it stands
    /// for: <c>isoformat()</c>, <c>str()</c> and <c>repr()</c>.
    /// </summary>
    /// <remarks>
    /// A UTC DateTime is an aware datetime at +00:00, a local one is aware at the local offset of that
    /// moment, an unspecified one is naive (no offset). Python keeps microseconds: the 100 ns ticks below
    /// are dropped (truncated, as Python's own conversions from finer clocks do).
    /// </remarks>
    internal readonly struct PythonDateTimeText
    {
        private readonly DateTime _clock;
        private readonly bool _aware;
        private readonly TimeSpan _offset;

        private PythonDateTimeText(DateTime clock, bool aware, TimeSpan offset)
        {
            _clock = clock;
            _aware = aware;
            _offset = offset;
        }

        public static PythonDateTimeText From(DateTime value)
        {
            switch (value.Kind)
            {
                case DateTimeKind.Utc:
                    return new PythonDateTimeText(value, true, TimeSpan.Zero);
                case DateTimeKind.Local:
                    return new PythonDateTimeText(value, true, TimeZoneInfo.Local.GetUtcOffset(value));
                default:
                    return new PythonDateTimeText(value, false, TimeSpan.Zero);
            }
        }

        public static PythonDateTimeText From(DateTimeOffset value)
        {
            return new PythonDateTimeText(value.DateTime, true, value.Offset);
        }

        private int Microsecond => (int)(_clock.Ticks % TimeSpan.TicksPerSecond / 10);

        /// <summary><c>isoformat(separator)</c>: <c>2026-12-04T21:00:00.123456+00:00</c>; <c>str()</c> uses a space.</summary>
        public void AppendIso(StringBuilder output, char separator)
        {
            IntegerText.AppendPadded(output, _clock.Year, 4);
            output.Append('-');
            IntegerText.AppendPadded(output, _clock.Month, 2);
            output.Append('-');
            IntegerText.AppendPadded(output, _clock.Day, 2);
            output.Append(separator);
            IntegerText.AppendPadded(output, _clock.Hour, 2);
            output.Append(':');
            IntegerText.AppendPadded(output, _clock.Minute, 2);
            output.Append(':');
            IntegerText.AppendPadded(output, _clock.Second, 2);
            int microsecond = Microsecond;
            if (microsecond != 0)
            {
                output.Append('.');
                IntegerText.AppendPadded(output, microsecond, 6);
            }

            if (_aware)
            {
                TimeSpan offset = _offset;
                if (offset < TimeSpan.Zero)
                {
                    output.Append('-');
                    offset = offset.Negate();
                }
                else
                {
                    output.Append('+');
                }

                IntegerText.AppendPadded(output, (int)offset.TotalHours, 2);
                output.Append(':');
                IntegerText.AppendPadded(output, offset.Minutes, 2);
                if (offset.Seconds != 0)
                {
                    output.Append(':');
                    IntegerText.AppendPadded(output, offset.Seconds, 2);
                }
            }
        }

        /// <summary>
        /// <c>repr()</c>, as a datetime inside a list or dict prints:
        /// <c>datetime.datetime(2026, 12, 4, 21, 0, tzinfo=datetime.timezone.utc)</c>.
        /// </summary>
        public void AppendRepr(StringBuilder output)
        {
            output.Append("datetime.datetime(");
            IntegerText.Append(output, _clock.Year);
            output.Append(", ");
            IntegerText.Append(output, _clock.Month);
            output.Append(", ");
            IntegerText.Append(output, _clock.Day);
            output.Append(", ");
            IntegerText.Append(output, _clock.Hour);
            output.Append(", ");
            IntegerText.Append(output, _clock.Minute);
            int microsecond = Microsecond;
            // Python leaves out trailing zero fields, but never the minute.
            if (_clock.Second != 0 || microsecond != 0)
            {
                output.Append(", ");
                IntegerText.Append(output, _clock.Second);
            }

            if (microsecond != 0)
            {
                output.Append(", ");
                IntegerText.Append(output, microsecond);
            }

            if (_aware)
            {
                output.Append(", tzinfo=");
                if (_offset == TimeSpan.Zero)
                {
                    output.Append("datetime.timezone.utc");
                }
                else
                {
                    // timedelta's repr is normalized: whole days (negative for a negative offset), then 0 <= seconds < 86400.
                    long totalSeconds = (long)Math.Floor(_offset.TotalSeconds);
                    long days = (long)Math.Floor(totalSeconds / 86400.0);
                    long seconds = totalSeconds - (days * 86400);
                    output.Append("datetime.timezone(datetime.timedelta(");
                    if (days != 0)
                    {
                        output.Append("days=");
                        IntegerText.Append(output, days);
                        if (seconds != 0)
                        {
                            output.Append(", ");
                        }
                    }

                    if (seconds != 0)
                    {
                        output.Append("seconds=");
                        IntegerText.Append(output, seconds);
                    }

                    output.Append("))");
                }
            }

            output.Append(')');
        }
    }
}
