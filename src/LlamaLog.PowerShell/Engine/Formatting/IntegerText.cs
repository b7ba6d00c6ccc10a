using System.Globalization;
using System.Numerics;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Decimal digits of an integer with an ASCII minus, appended without allocating:
    /// <see cref="StringBuilder.Append(long)"/> formats with the current culture's negative sign.
    /// </summary>
    internal static class IntegerText
    {
        /// <summary>
        /// Appends a boxed .NET integer (any width, signed or not, or a BigInteger) as Python's int is written;
        /// false, and nothing written, for any other value. Shared by the JSON and Python text encoders.
        /// </summary>
        public static bool TryAppend(StringBuilder output, object value)
        {
            switch (value)
            {
                case int number:
                    Append(output, number);
                    return true;
                case long number:
                    Append(output, number);
                    return true;
                case sbyte number:
                    Append(output, number);
                    return true;
                case byte number:
                    Append(output, (ulong)number);
                    return true;
                case short number:
                    Append(output, number);
                    return true;
                case ushort number:
                    Append(output, (ulong)number);
                    return true;
                case uint number:
                    Append(output, (ulong)number);
                    return true;
                case ulong number:
                    Append(output, number);
                    return true;
                case BigInteger number:
                    // Python 3.11 refuses str() of an int over 4300 digits; all digits are written here.
                    output.Append(number.ToString(CultureInfo.InvariantCulture));
                    return true;
                default:
                    return false;
            }
        }

        public static void Append(StringBuilder output, long value)
        {
            if (value < 0)
            {
                output.Append('-');
                // -(value + 1) + 1 does not overflow for long.MinValue.
                Append(output, (ulong)(-(value + 1)) + 1UL);
            }
            else
            {
                Append(output, (ulong)value);
            }
        }

        public static void Append(StringBuilder output, ulong value)
        {
            ulong power = 1;
            while (value / power >= 10)
            {
                power *= 10;
            }

            while (power > 0)
            {
                ulong digit = value / power;
                output.Append((char)('0' + (int)digit));
                value -= digit * power;
                power /= 10;
            }
        }

        /// <summary>At least <paramref name="width"/> digits, zero-padded (dates and exponents).</summary>
        public static void AppendPadded(StringBuilder output, int value, int width)
        {
            int digits = 1;
            for (int rest = value / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            output.Append('0', width > digits ? width - digits : 0);
            Append(output, (ulong)value);
        }
    }
}
