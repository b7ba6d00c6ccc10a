using System;
using System.Collections;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    // PLACEHOLDER until the json branch merges (it replaces this file).
    public static class JsonValueWriter
    {
        public static void WriteString(StringBuilder output, string value)
        {
            output.Append('"');
            foreach (char c in value ?? string.Empty)
            {
                switch (c)
                {
                    case '"': output.Append("\\\""); break;
                    case '\\': output.Append("\\\\"); break;
                    case '\n': output.Append("\\n"); break;
                    case '\r': output.Append("\\r"); break;
                    case '\t': output.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c > 0x7e && c != 0x7f)
                        {
                            output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            output.Append('"');
        }

        public static void WriteValue(StringBuilder output, object value)
        {
            switch (value)
            {
                case null: output.Append("null"); break;
                case bool b: output.Append(b ? "true" : "false"); break;
                case string s: WriteString(output, s); break;
                case int i: output.Append(i.ToString(CultureInfo.InvariantCulture)); break;
                case long l: output.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case double d: output.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
                case IDictionary map:
                    output.Append('{');
                    bool first = true;
                    foreach (DictionaryEntry entry in map)
                    {
                        output.Append(first ? string.Empty : ", ");
                        first = false;
                        WriteString(output, Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                        output.Append(": ");
                        WriteValue(output, entry.Value);
                    }

                    output.Append('}');
                    break;
                case IEnumerable list:
                    output.Append('[');
                    bool head = true;
                    foreach (object item in list)
                    {
                        output.Append(head ? string.Empty : ", ");
                        head = false;
                        WriteValue(output, item);
                    }

                    output.Append(']');
                    break;
                default: WriteString(output, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
