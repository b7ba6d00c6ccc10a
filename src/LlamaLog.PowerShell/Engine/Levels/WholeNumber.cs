using System;
using System.Globalization;
using System.Numerics;

namespace LlamaLog.Engine.Levels
{
    /// <summary>
    /// The one rule for numbers that must be whole (a level, a width): a number of any .NET numeric type is taken
    /// when its value is whole, so <c>20</c>, <c>[double]20</c>, <c>20.0</c> and <c>[decimal]20</c> are all 20, and
    /// <c>20.5</c> is refused. Python's logging takes only ints, but PowerShell types <c>10.0</c> as a double and
    /// scripts compute widths by division, so a number's value counts, not its type. Text is read as Python's
    /// <c>int()</c> reads it: digits only, so <c>'20'</c> is 20 and <c>'20.0'</c> is refused.
    /// </summary>
    public static class WholeNumber
    {
        /// <summary>The value of a whole number given as any numeric type or as text; false for anything else.</summary>
        public static bool TryConvert(object value, out long number)
        {
            number = 0;
            switch (value)
            {
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case sbyte sb: number = sb; return true;
                case ushort us: number = us; return true;
                case uint ui: number = ui; return true;
                case ulong ul when ul <= long.MaxValue: number = (long)ul; return true;
                case double d: return FromDouble(d, out number);
                case float f: return FromDouble(f, out number);
                case decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue: number = (long)m; return true;
                case BigInteger big when big >= long.MinValue && big <= long.MaxValue: number = (long)big; return true;
                case string text: return TryParse(text, out number);
                default: return false;
            }
        }

        /// <summary>
        /// A whole number written as text: digits with an optional sign, spaces around, as Python's <c>int()</c> reads
        /// the text of LLAMA_STACK_LOG_WIDTH. "20.0" is not one: the server would refuse that text.
        /// </summary>
        public static bool TryParse(string text, out long number)
        {
            number = 0;
            return text != null && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
        }

        /// <summary>How a refused value is quoted back: as the caller wrote it, in the invariant culture.</summary>
        public static string Show(object value)
        {
            switch (value)
            {
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case float f: return f.ToString("R", CultureInfo.InvariantCulture);
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        private static bool FromDouble(double value, out long number)
        {
            // 2^63 is the first double above long's range; NaN and the infinities fail the comparisons.
            if (value == Math.Floor(value) && value >= -9223372036854775808.0 && value < 9223372036854775808.0)
            {
                number = (long)value;
                return true;
            }

            number = 0;
            return false;
        }
    }
}
