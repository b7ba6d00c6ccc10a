using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// A record property's value as an OTLP attribute value: strings, 64-bit integers, doubles and booleans keep
    /// their type, lists become arrays of such values, and anything else (dictionaries, dates, big integers) its
    /// invariant text.
    /// </summary>
    public static class OtlpAttributeValue
    {
        private const int MaxDepth = 8;

        public static object From(object value) => Convert(value, 0);

        private static object Convert(object value, int depth)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case bool flag:
                    return flag;
                case sbyte _:
                case short _:
                case int _:
                case long _:
                case byte _:
                case ushort _:
                case uint _:
                    return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case ulong unsigned:
                    return unsigned <= long.MaxValue ? (object)(long)unsigned : unsigned.ToString(CultureInfo.InvariantCulture);
                case BigInteger big:
                    return big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : big.ToString(CultureInfo.InvariantCulture);
                case double number:
                    return number;
                case float single:
                    return (double)single;
                case decimal exact:
                    return (double)exact;
                case DateTime time:
                    return time.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset offsetTime:
                    return offsetTime.ToString("o", CultureInfo.InvariantCulture);
                case IDictionary dictionary:
                    return Text(dictionary, depth);
                case IEnumerable items when depth < MaxDepth:
                    var list = new List<object>();
                    foreach (object item in items)
                    {
                        object converted = Convert(item, depth + 1);
                        list.Add(converted is object[] nested ? Text(nested, depth + 1) : converted);
                    }

                    return list.ToArray();
                default:
                    return System.Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        // OTLP arrays cannot nest in the SDK's writer, and it has no maps for log attributes: such values go as text.
        private static string Text(object value, int depth)
        {
            var builder = new StringBuilder();
            AppendText(builder, value, depth);
            return builder.ToString();
        }

        private static void AppendText(StringBuilder builder, object value, int depth)
        {
            if (depth >= MaxDepth)
            {
                builder.Append("<max depth>");
                return;
            }

            switch (value)
            {
                case string text:
                    builder.Append(text);
                    break;
                case IDictionary dictionary:
                    builder.Append('{');
                    bool first = true;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        builder.Append(first ? string.Empty : ", ");
                        first = false;
                        AppendText(builder, entry.Key, depth + 1);
                        builder.Append(": ");
                        AppendText(builder, entry.Value, depth + 1);
                    }

                    builder.Append('}');
                    break;
                case IEnumerable items:
                    builder.Append('[');
                    bool firstItem = true;
                    foreach (object item in items)
                    {
                        builder.Append(firstItem ? string.Empty : ", ");
                        firstItem = false;
                        AppendText(builder, item, depth + 1);
                    }

                    builder.Append(']');
                    break;
                default:
                    object converted = Convert(value, depth);
                    builder.Append(converted is double d ? d.ToString("R", CultureInfo.InvariantCulture)
                        : converted is bool b ? (b ? "true" : "false")
                        : System.Convert.ToString(converted, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
