using System;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Writes a .NET value as CPython's <c>json.dumps(value)</c> does with its defaults (separators
    /// <c>", "</c> and <c>": "</c>, <c>ensure_ascii=True</c>), byte for byte, so that structured records read
    /// the same as a Python server's.
    /// </summary>
    /// <remarks>
    /// <para>Strings are ASCII: every character outside ' ' to '~' (U+007F included, as CPython does) is
    /// <c>\uXXXX</c> in lowercase hex, one per UTF-16 code unit, so an astral character is its surrogate
    /// pair and a lone surrogate stays itself. Dictionary keys are strings as json.dumps makes them:
    /// <c>1</c> is <c>"1"</c>, True <c>"true"</c>, None <c>"null"</c>, a float its repr.</para>
    /// <para>Where Python has no answer, the project decides: NaN and infinities are the strings
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> (Python writes them bare, which is not JSON);
    /// a decimal is its exact digits as a number (<c>1.10</c>); a DateTime or DateTimeOffset is its
    /// <c>isoformat()</c> string (see <see cref="PythonDateTimeText"/>); any other value is its invariant
    /// text as a string.</para>
    /// <para>Containers nested deeper than <see cref="MaxDepth"/>, and a container inside itself, are written
    /// as the string <see cref="CutMarker"/>; the rest of the value is still written (see
    /// <see cref="NestingPath"/> for how depth is counted).</para>
    /// <para>A value's ToString and enumerator are user code: they run here and may throw (the output then
    /// holds what was written before), and an endless enumerable never ends; the caller decides what a record
    /// with such a value becomes.</para>
    /// </remarks>
    public static class JsonValueWriter
    {
        /// <summary>Levels of containers written whole: a container at depth 65 is cut.</summary>
        public const int MaxDepth = 64;

        /// <summary>What a cut container is written as (a JSON string here, a Python string in text).</summary>
        public const string CutMarker = "<max depth>";

        /// <summary>
        /// Writes <paramref name="value"/> as a JSON string, escaped as Python's <c>ensure_ascii</c> does; a null
        /// string is <c>null</c>, as <see cref="WriteValue"/> writes it (a record's optional text fields).
        /// </summary>
        public static void WriteString(StringBuilder output, string value)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (value == null)
            {
                output.Append("null");
                return;
            }

            output.Append('"');
            int runStart = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                // Python's encoder passes ' ' to '~' through (U+007F is escaped), except '"' and '\'.
                if (c >= ' ' && c <= '~' && c != '"' && c != '\\')
                {
                    continue;
                }

                output.Append(value, runStart, i - runStart);
                AppendEscaped(output, c);
                runStart = i + 1;
            }

            output.Append(value, runStart, value.Length - runStart);
            output.Append('"');
        }

        /// <summary>Writes <paramref name="value"/> as <c>json.dumps</c> writes the Python value it stands for.</summary>
        public static void WriteValue(StringBuilder output, object value)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            var path = default(NestingPath);
            Write(output, value, ref path);
        }

        private static void Write(StringBuilder output, object value, ref NestingPath path)
        {
            switch (value)
            {
                case null:
                    output.Append("null");
                    return;
                case string text:
                    WriteString(output, text);
                    return;
                case bool flag:
                    output.Append(flag ? "true" : "false");
                    return;
                case int number:
                    IntegerText.Append(output, number);
                    return;
                case long number:
                    IntegerText.Append(output, number);
                    return;
                case double number:
                    WriteDouble(output, number);
                    return;
                case IDictionary dictionary:
                    ContainerWalk.WriteDictionary<ContainerParts>(output, dictionary, ref path);
                    return;
                case IEnumerable items:
                    ContainerWalk.WriteList<ContainerParts>(output, items, ref path);
                    return;
                default:
                    if (!TryWriteScalar(output, value))
                    {
                        WriteString(output, InvariantText(value));
                    }

                    return;
            }
        }

        /// <summary>The less common scalars; false for a value written as its invariant text.</summary>
        private static bool TryWriteScalar(StringBuilder output, object value)
        {
            switch (value)
            {
                case char c:
                    output.Append('"');
                    if (c >= ' ' && c <= '~' && c != '"' && c != '\\')
                    {
                        output.Append(c);
                    }
                    else
                    {
                        AppendEscaped(output, c);
                    }

                    output.Append('"');
                    return true;
                case float number:
                    // Widened first, as Python sees a float32: 0.1f is 0.10000000149011612.
                    WriteDouble(output, number);
                    return true;
                case decimal number:
                    output.Append(DecimalText(number));
                    return true;
                case DateTime time:
                    output.Append('"');
                    PythonDateTimeText.From(time).AppendIso(output, 'T');
                    output.Append('"');
                    return true;
                case DateTimeOffset time:
                    output.Append('"');
                    PythonDateTimeText.From(time).AppendIso(output, 'T');
                    output.Append('"');
                    return true;
                default:
                    return IntegerText.TryAppend(output, value);
            }
        }

        private static void WriteDouble(StringBuilder output, double number) =>
            PythonFloatText.Append(output, number, "\"NaN\"", "\"Infinity\"", "\"-Infinity\"");

        /// <summary>A key as Python's json writes it: a string as is, True as "true", None as "null", a float by repr.</summary>
        private static void WriteKey(StringBuilder output, object key)
        {
            switch (key)
            {
                case string text:
                    WriteString(output, text);
                    return;
                case null:
                    output.Append("\"null\"");
                    return;
                case double number:
                    WriteKeyDouble(output, number);
                    return;
                case float number:
                    WriteKeyDouble(output, number);
                    return;
                case decimal number:
                    output.Append('"').Append(DecimalText(number)).Append('"');
                    return;
                case bool flag:
                    output.Append(flag ? "\"true\"" : "\"false\"");
                    return;
                case DateTime _:
                case DateTimeOffset _:
                    TryWriteScalar(output, key);
                    return;
                case char c:
                    WriteString(output, c.ToString());
                    return;
                case int _:
                case long _:
                case sbyte _:
                case byte _:
                case short _:
                case ushort _:
                case uint _:
                case ulong _:
                case BigInteger _:
                    // Digits and a minus: nothing to escape.
                    output.Append('"');
                    IntegerText.TryAppend(output, key);
                    output.Append('"');
                    return;
                default:
                    WriteString(output, InvariantText(key));
                    return;
            }
        }

        private static void WriteKeyDouble(StringBuilder output, double number)
        {
            output.Append('"');
            PythonFloatText.Append(output, number, "NaN", "Infinity", "-Infinity");
            output.Append('"');
        }

        private static void AppendEscaped(StringBuilder output, char c)
        {
            if (BackslashEscape.TryAppendShort(output, c))
            {
                return;
            }

            switch (c)
            {
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                default:
                    // Each UTF-16 code unit on its own: an astral character becomes its surrogate pair, a lone
                    // surrogate stays one \udXXX, as Python writes them.
                    BackslashEscape.AppendHex(output, 'u', c, 4);
                    break;
            }
        }

        /// <summary>A decimal's exact digits, scale kept (1.10 stays 1.10), and the sign of a negative zero.</summary>
        internal static string DecimalText(decimal number)
        {
            string text = number.ToString(CultureInfo.InvariantCulture);
            if (number == 0m && text[0] != '-' && (decimal.GetBits(number)[3] & int.MinValue) != 0)
            {
                text = "-" + text;
            }

            return text;
        }

        /// <summary>JSON's items, keys and cuts for <see cref="ContainerWalk"/>: a cycle is cut as a too-deep container is.</summary>
        private struct ContainerParts : IContainerEncoder
        {
            public void WriteItem(StringBuilder output, object value, ref NestingPath path) => Write(output, value, ref path);

            public void WriteKey(StringBuilder output, object key, ref NestingPath path) => JsonValueWriter.WriteKey(output, key);

            public void WriteCut(StringBuilder output) => WriteString(output, CutMarker);

            public void WriteCycle(StringBuilder output, bool isDictionary) => WriteString(output, CutMarker);
        }

        /// <summary>The invariant text of a value with no JSON form of its own.</summary>
        internal static string InvariantText(object value)
        {
            string text = value is IFormattable formattable
                ? formattable.ToString(null, CultureInfo.InvariantCulture)
                : value.ToString();
            return text ?? string.Empty;
        }
    }
}
