using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Turns a property value as OGX's and LlamaLog's text lines write it (Python's <c>str()</c>, or <c>repr()</c>
    /// in structlog's key=value columns) back into a value: integers, floats, <c>True</c>/<c>False</c>/<c>None</c>,
    /// quoted strings, and list, tuple, set and dict literals (nested) as arrays and ordered dictionaries. Anything
    /// else is the text itself: <c>str()</c> writes a string without quotes, so text is the fallback, never an error.
    /// </summary>
    internal static class PythonValueReader
    {
        // Python's repr of a nested value is bounded by the writer's depth cut; this bounds the recursion here.
        private const int MaxDepth = 128;

        /// <summary>The value of <paramref name="text"/> (a whole <c>str()</c> or <c>repr()</c>).</summary>
        public static object Convert(string text)
        {
            if (text.Length == 0)
            {
                return text;
            }

            char first = text[0];
            switch (first)
            {
                case 'N':
                    return text == "None" ? null : (object)text;
                case 'T':
                    return text == "True" ? true : (object)text;
                case 'F':
                    return text == "False" ? false : (object)text;
                case 'i':
                    return text == "inf" ? double.PositiveInfinity : (object)text;
                case 'n':
                    return text == "nan" ? double.NaN : (object)text;
            }

            if (first == '-' || first == '+' || (first >= '0' && first <= '9') || first == '[' || first == '(' || first == '{' || first == '\'' || first == '"')
            {
                int position = 0;
                if (TryReadValue(text, ref position, text.Length, 0, out object value) && position == text.Length)
                {
                    return value;
                }
            }

            return text;
        }

        /// <summary>
        /// The end of a bracketed literal (<c>[</c>, <c>(</c>, <c>{</c>, or a quoted string) that starts at
        /// <paramref name="start"/>, or -1 when none reads there.
        /// </summary>
        public static int LiteralEnd(string text, int start, int end)
        {
            int position = start;
            return TryReadValue(text, ref position, end, 0, out object _) ? position : -1;
        }

        private static bool TryReadValue(string text, ref int i, int end, int depth, out object value)
        {
            value = null;
            if (i >= end || depth > MaxDepth)
            {
                return false;
            }

            char c = text[i];
            switch (c)
            {
                case '\'':
                case '"':
                    return TryReadString(text, ref i, end, out value);
                case '[':
                    return TryReadSequence(text, ref i, end, ']', depth, out value);
                case '(':
                    return TryReadSequence(text, ref i, end, ')', depth, out value);
                case '{':
                    return TryReadBraces(text, ref i, end, depth, out value);
            }

            if (TryWord(text, ref i, end, "None"))
            {
                return true;
            }

            if (TryWord(text, ref i, end, "True"))
            {
                value = true;
                return true;
            }

            if (TryWord(text, ref i, end, "False"))
            {
                value = false;
                return true;
            }

            if (TryWord(text, ref i, end, "inf"))
            {
                value = double.PositiveInfinity;
                return true;
            }

            if (TryWord(text, ref i, end, "nan"))
            {
                value = double.NaN;
                return true;
            }

            return TryReadNumber(text, ref i, end, out value);
        }

        private static bool TryWord(string text, ref int i, int end, string word)
        {
            if (end - i < word.Length || string.CompareOrdinal(text, i, word, 0, word.Length) != 0)
            {
                return false;
            }

            int after = i + word.Length;
            if (after < end && (char.IsLetterOrDigit(text[after]) || text[after] == '_'))
            {
                return false;
            }

            i = after;
            return true;
        }

        private static bool TryReadNumber(string text, ref int i, int end, out object value)
        {
            value = null;
            int start = i;
            int j = i;
            if (j < end && (text[j] == '-' || text[j] == '+'))
            {
                j++;
            }

            if (j < end && text[j] == 'i' && TryWord(text, ref j, end, "inf"))
            {
                value = text[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
                i = j;
                return true;
            }

            int digitsStart = j;
            j = NumberText.SkipDigits(text, j, end);
            int integerDigits = j - digitsStart;
            bool isFloat = false;
            if (j < end && text[j] == '.')
            {
                int fractionStart = ++j;
                j = NumberText.SkipDigits(text, j, end);
                if (integerDigits == 0 && j == fractionStart)
                {
                    return false;
                }

                isFloat = true;
            }
            else if (integerDigits == 0)
            {
                return false;
            }

            int afterExponent = NumberText.SkipExponent(text, j, end);
            if (afterExponent < 0)
            {
                return false;
            }

            isFloat |= afterExponent != j;
            j = afterExponent;

            if (j < end && (char.IsLetterOrDigit(text[j]) || text[j] == '_' || text[j] == '.'))
            {
                return false;
            }

            // Python's str() of an int never has a leading zero: "007" is text (a zip code, a version part).
            if (!isFloat && integerDigits > 1 && text[digitsStart] == '0')
            {
                return false;
            }

            string number = text.Substring(start, j - start);
            if (isFloat)
            {
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
                {
                    return false;
                }

                value = real;
            }
            else
            {
                value = NumberText.Integer(number);
            }

            i = j;
            return true;
        }

        private static bool TryReadString(string text, ref int i, int end, out object value)
        {
            value = null;
            char quote = text[i];
            int j = i + 1;
            StringBuilder builder = null;
            int runStart = j;
            while (j < end)
            {
                char c = text[j];
                if (c == quote)
                {
                    string tail = text.Substring(runStart, j - runStart);
                    value = builder == null ? tail : builder.Append(tail).ToString();
                    i = j + 1;
                    return true;
                }

                if (c != '\\')
                {
                    j++;
                    continue;
                }

                builder = builder ?? new StringBuilder();
                builder.Append(text, runStart, j - runStart);
                if (j + 1 >= end)
                {
                    return false;
                }

                char escape = text[j + 1];
                j += 2;
                switch (escape)
                {
                    case '\\': builder.Append('\\'); break;
                    case '\'': builder.Append('\''); break;
                    case '"': builder.Append('"'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'a': builder.Append('\a'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'v': builder.Append('\v'); break;
                    case 'x':
                    case 'u':
                    case 'U':
                        int count = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                        if (j + count > end || !int.TryParse(text.Substring(j, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                            || code < 0 || code > 0x10FFFF)
                        {
                            return false;
                        }

                        // Lone surrogates, which Python's repr writes as \udc80, come back as the same UTF-16 unit.
                        builder.Append(code >= 0x10000 ? char.ConvertFromUtf32(code) : ((char)code).ToString());
                        j += count;
                        break;
                    default:
                        builder.Append('\\').Append(escape);
                        break;
                }

                runStart = j;
            }

            return false;
        }

        private static bool TryReadSequence(string text, ref int i, int end, char close, int depth, out object value)
        {
            value = null;
            var items = new List<object>();
            int j = i + 1;
            SkipSpaces(text, ref j, end);
            if (j < end && text[j] == close)
            {
                i = j + 1;
                value = items.ToArray();
                return true;
            }

            while (true)
            {
                if (!TryReadValue(text, ref j, end, depth + 1, out object item))
                {
                    return false;
                }

                items.Add(item);
                SkipSpaces(text, ref j, end);
                if (j >= end)
                {
                    return false;
                }

                if (text[j] == close)
                {
                    i = j + 1;
                    value = items.ToArray();
                    return true;
                }

                if (text[j] != ',')
                {
                    return false;
                }

                j++;
                SkipSpaces(text, ref j, end);
                if (j < end && text[j] == close)
                {
                    // A one-element tuple: (1,)
                    i = j + 1;
                    value = items.ToArray();
                    return true;
                }
            }
        }

        // A dict {k: v, ...} (an ordered dictionary) or a set {a, b} (an array).
        private static bool TryReadBraces(string text, ref int i, int end, int depth, out object value)
        {
            value = null;
            int j = i + 1;
            SkipSpaces(text, ref j, end);
            OrderedDictionary dictionary = null;
            List<object> set = null;
            if (j < end && text[j] == '}')
            {
                i = j + 1;
                value = NewDictionary();
                return true;
            }

            while (true)
            {
                if (!TryReadValue(text, ref j, end, depth + 1, out object key))
                {
                    return false;
                }

                SkipSpaces(text, ref j, end);
                if (j >= end)
                {
                    return false;
                }

                if (text[j] == ':' && set == null)
                {
                    j++;
                    SkipSpaces(text, ref j, end);
                    if (!TryReadValue(text, ref j, end, depth + 1, out object item))
                    {
                        return false;
                    }

                    dictionary = dictionary ?? NewDictionary();
                    dictionary[KeyText(key)] = item;
                    SkipSpaces(text, ref j, end);
                }
                else if (dictionary == null)
                {
                    set = set ?? new List<object>();
                    set.Add(key);
                }
                else
                {
                    return false;
                }

                if (j >= end)
                {
                    return false;
                }

                if (text[j] == '}')
                {
                    i = j + 1;
                    value = dictionary ?? (object)set.ToArray();
                    return true;
                }

                if (text[j] != ',')
                {
                    return false;
                }

                j++;
                SkipSpaces(text, ref j, end);
                if (j < end && text[j] == '}')
                {
                    i = j + 1;
                    value = dictionary ?? (object)set.ToArray();
                    return true;
                }
            }
        }

        /// <summary>A dictionary as PowerShell's <c>[ordered]</c> makes one: string keys, any letter case.</summary>
        internal static OrderedDictionary NewDictionary()
        {
            return new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        }

        // Keys become strings (as JSON makes them), so that every dictionary read back is looked up alike.
        internal static string KeyText(object key)
        {
            switch (key)
            {
                case null: return "None";
                case string text: return text;
                case bool flag: return flag ? "True" : "False";
                case double real: return real.ToString("R", CultureInfo.InvariantCulture);
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return key.ToString();
            }
        }

        private static void SkipSpaces(string text, ref int i, int end)
        {
            while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
            {
                i++;
            }
        }
    }
}
