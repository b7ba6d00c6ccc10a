using System;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Python's <c>repr(float)</c> of a finite double: the shortest digits that read back as the same double,
    /// in exponent form (<c>1e+16</c>, <c>1e-05</c>, <c>1.5e+300</c>) when the decimal exponent is below -4
    /// or at least 16, else positional with <c>.0</c> when integral (<c>100.0</c>, <c>-0.0</c>).
    /// </summary>
    internal static class PythonFloatText
    {
        // Below 1e16 an integral double is printed positionally, and its exact integer digits are its shortest ones.
        private const double PositionalIntegerLimit = 1e16;

        /// <summary>
        /// Appends a finite <paramref name="value"/> as <see cref="Append(StringBuilder, double)"/> does, and NaN and
        /// the infinities as the words given: each encoder spells them its own way (JSON strings, Python's nan and inf).
        /// </summary>
        public static void Append(StringBuilder output, double value, string nan, string infinity, string negativeInfinity)
        {
            if (double.IsNaN(value))
            {
                output.Append(nan);
            }
            else if (double.IsInfinity(value))
            {
                output.Append(value > 0 ? infinity : negativeInfinity);
            }
            else
            {
                Append(output, value);
            }
        }

        public static void Append(StringBuilder output, double value)
        {
            if (value == 0)
            {
                output.Append(BitConverter.DoubleToInt64Bits(value) < 0 ? "-0.0" : "0.0");
                return;
            }

            if (Math.Abs(value) < PositionalIntegerLimit && Math.Floor(value) == value)
            {
                // The common case (counts, sizes) without the string "R" formatting allocates.
                IntegerText.Append(output, (long)value);
                output.Append(".0");
                return;
            }

            // "R" is the shortest round-trip form on .NET Core 3.0 and later (PowerShell 7). On .NET Framework
            // (Windows PowerShell 5.1) it is 15 digits when those round-trip, else 17, which is not always the
            // shortest, so a few values there print with more digits than Python's.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            AppendRelaidOut(output, text);
        }

        /// <summary>Re-lays out .NET's "R" text (<c>-1.5E-05</c>, <c>123.45</c>, <c>1E+16</c>) in Python's form.</summary>
        private static void AppendRelaidOut(StringBuilder output, string text)
        {
            int start = 0;
            if (text[0] == '-')
            {
                output.Append('-');
                start = 1;
            }

            int exponentAt = text.IndexOf('E');
            int mantissaEnd = exponentAt < 0 ? text.Length : exponentAt;
            int exponent = exponentAt < 0 ? 0 : ParseExponent(text, exponentAt + 1);
            int dot = text.IndexOf('.', start, mantissaEnd - start);
            int integerDigits = (dot < 0 ? mantissaEnd : dot) - start;
            int digitCount = mantissaEnd - start - (dot < 0 ? 0 : 1);

            // The value is 0.D × 10^pointPosition, D the mantissa's digits without the dot.
            int pointPosition = integerDigits + exponent;
            int first = 0;
            while (first < digitCount && DigitAt(text, start, dot, first) == '0')
            {
                first++;
                pointPosition--;
            }

            int end = digitCount;
            while (end > first + 1 && DigitAt(text, start, dot, end - 1) == '0')
            {
                end--;
            }

            int significant = end - first;
            if (pointPosition > 16 || pointPosition <= -4)
            {
                output.Append(DigitAt(text, start, dot, first));
                if (significant > 1)
                {
                    output.Append('.');
                    AppendDigits(output, text, start, dot, first + 1, end);
                }

                int scientific = pointPosition - 1;
                output.Append(scientific < 0 ? "e-" : "e+");
                IntegerText.AppendPadded(output, Math.Abs(scientific), 2);
            }
            else if (pointPosition <= 0)
            {
                output.Append("0.");
                output.Append('0', -pointPosition);
                AppendDigits(output, text, start, dot, first, end);
            }
            else if (pointPosition >= significant)
            {
                AppendDigits(output, text, start, dot, first, end);
                output.Append('0', pointPosition - significant);
                output.Append(".0");
            }
            else
            {
                AppendDigits(output, text, start, dot, first, first + pointPosition);
                output.Append('.');
                AppendDigits(output, text, start, dot, first + pointPosition, end);
            }
        }

        private static int ParseExponent(string text, int at)
        {
            bool negative = text[at] == '-';
            if (text[at] == '-' || text[at] == '+')
            {
                at++;
            }

            int exponent = 0;
            for (; at < text.Length; at++)
            {
                exponent = (exponent * 10) + (text[at] - '0');
            }

            return negative ? -exponent : exponent;
        }

        private static char DigitAt(string text, int start, int dot, int index)
        {
            int at = start + index;
            return text[dot >= 0 && at >= dot ? at + 1 : at];
        }

        private static void AppendDigits(StringBuilder output, string text, int start, int dot, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                output.Append(DigitAt(text, start, dot, i));
            }
        }
    }
}
