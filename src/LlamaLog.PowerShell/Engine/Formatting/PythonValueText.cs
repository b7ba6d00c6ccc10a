using System;
using System.Collections;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Python's <c>str()</c> and <c>repr()</c> of a .NET value, for a property value in a text line as
    /// structlog's ConsoleRenderer writes it: a string as is, <c>None</c>, <c>True</c>, <c>1e+16</c>,
    /// <c>inf</c>, <c>nan</c>, <c>['a', 1, None]</c>, <c>{'k': 'v', 1: 2}</c>,
    /// <c>2026-12-04 21:00:00.123456+00:00</c>.
    /// </summary>
    /// <remarks>
    /// <para>The .NET value stands for the Python value its type maps to: integers and BigInteger are int,
    /// double and float (widened) are float, decimal is decimal.Decimal, DateTime and DateTimeOffset are
    /// datetime (see <see cref="PythonDateTimeText"/>), a char is a one-character str, IDictionary is dict,
    /// any other IEnumerable is list. A value Python has no type for is its invariant text, as a str.</para>
    /// <para>Inside a list or dict Python prints each item's <c>repr()</c>: strings quoted and escaped
    /// (<see cref="PythonStringRepr"/>), <c>Decimal('1.10')</c>,
    /// <c>datetime.datetime(2026, 12, 4, 21, 0, tzinfo=datetime.timezone.utc)</c>. structlog's ConsoleRenderer
    /// writes a str value as is and any other value by <c>repr()</c> (recent versions also repr a str holding
    /// a space, '=', a quote or a line break); <see cref="Append"/> and <see cref="AppendRepr"/> give both.</para>
    /// <para>Containers deeper than <see cref="JsonValueWriter.MaxDepth"/> are cut as in JSON, written
    /// <c>'&lt;max depth&gt;'</c>; a container inside itself is <c>[...]</c> or <c>{...}</c>, as Python's repr
    /// writes it.</para>
    /// </remarks>
    public static class PythonValueText
    {
        /// <summary>Appends Python's <c>str()</c> of <paramref name="value"/>.</summary>
        public static void Append(StringBuilder output, object value)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            switch (value)
            {
                case string text:
                    output.Append(text);
                    return;
                case char c:
                    output.Append(c);
                    return;
                case decimal number:
                    AppendDecimalStr(output, number);
                    return;
                case DateTime time:
                    PythonDateTimeText.From(time).AppendIso(output, ' ');
                    return;
                case DateTimeOffset time:
                    PythonDateTimeText.From(time).AppendIso(output, ' ');
                    return;
                case IEnumerable _:
                case bool _:
                case null:
                    break;
                default:
                    if (!TryAppendNumber(output, value))
                    {
                        output.Append(JsonValueWriter.InvariantText(value));
                    }

                    return;
            }

            var path = default(NestingPath);
            AppendRepr(output, value, ref path);
        }

        /// <summary>Appends Python's <c>repr()</c> of <paramref name="value"/>: a string quoted, <c>Decimal('1.10')</c>.</summary>
        public static void AppendRepr(StringBuilder output, object value)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            var path = default(NestingPath);
            AppendRepr(output, value, ref path);
        }

        private static void AppendRepr(StringBuilder output, object value, ref NestingPath path)
        {
            switch (value)
            {
                case null:
                    output.Append("None");
                    return;
                case string text:
                    PythonStringRepr.Append(output, text);
                    return;
                case bool flag:
                    output.Append(flag ? "True" : "False");
                    return;
                case char c:
                    PythonStringRepr.Append(output, c.ToString());
                    return;
                case decimal number:
                    output.Append("Decimal('");
                    AppendDecimalStr(output, number);
                    output.Append("')");
                    return;
                case DateTime time:
                    PythonDateTimeText.From(time).AppendRepr(output);
                    return;
                case DateTimeOffset time:
                    PythonDateTimeText.From(time).AppendRepr(output);
                    return;
                case IDictionary dictionary:
                    ContainerWalk.WriteDictionary<ContainerParts>(output, dictionary, ref path);
                    return;
                case IEnumerable items:
                    ContainerWalk.WriteList<ContainerParts>(output, items, ref path);
                    return;
                default:
                    if (!TryAppendNumber(output, value))
                    {
                        PythonStringRepr.Append(output, JsonValueWriter.InvariantText(value));
                    }

                    return;
            }
        }

        private static bool TryAppendNumber(StringBuilder output, object value)
        {
            switch (value)
            {
                case double number:
                    AppendFloat(output, number);
                    return true;
                case float number:
                    AppendFloat(output, number);
                    return true;
                default:
                    return IntegerText.TryAppend(output, value);
            }
        }

        private static void AppendFloat(StringBuilder output, double number) =>
            PythonFloatText.Append(output, number, "nan", "inf", "-inf");

        /// <summary>repr()'s items, keys and cuts for <see cref="ContainerWalk"/>: a cycle is <c>[...]</c> or <c>{...}</c>.</summary>
        private struct ContainerParts : IContainerEncoder
        {
            public void WriteItem(StringBuilder output, object value, ref NestingPath path) => AppendRepr(output, value, ref path);

            public void WriteKey(StringBuilder output, object key, ref NestingPath path) => AppendRepr(output, key, ref path);

            public void WriteCut(StringBuilder output) => output.Append('\'').Append(JsonValueWriter.CutMarker).Append('\'');

            public void WriteCycle(StringBuilder output, bool isDictionary) => output.Append(isDictionary ? "{...}" : "[...]");
        }

        /// <summary>
        /// Python's <c>str(Decimal)</c> of the same digits: positional, except below 1e-6 where it switches to
        /// exponent form (<c>1E-7</c>, <c>1.0E-7</c>, <c>0E-10</c>); a .NET decimal never has a positive exponent.
        /// </summary>
        private static void AppendDecimalStr(StringBuilder output, decimal number)
        {
            string text = JsonValueWriter.DecimalText(number);
            int start = text[0] == '-' ? 1 : 0;
            int dot = text.IndexOf('.');
            int scale = dot < 0 ? 0 : text.Length - dot - 1;
            // The coefficient's digits without leading zeros ("0" for zero).
            int first = start;
            while (first < text.Length - 1 && (text[first] == '0' || text[first] == '.'))
            {
                first++;
            }

            int coefficientDigits = text.Length - first - (dot >= first ? 1 : 0);
            int adjusted = coefficientDigits - scale - 1;
            if (adjusted >= -6)
            {
                output.Append(text);
                return;
            }

            // Exponent form: d[.ddd]E-n over the coefficient's digits.
            if (start == 1)
            {
                output.Append('-');
            }

            output.Append(text[first]);
            if (coefficientDigits > 1)
            {
                output.Append('.');
                for (int i = first + 1; i < text.Length; i++)
                {
                    if (text[i] != '.')
                    {
                        output.Append(text[i]);
                    }
                }
            }

            output.Append("E-");
            IntegerText.Append(output, -adjusted);
        }
    }
}
