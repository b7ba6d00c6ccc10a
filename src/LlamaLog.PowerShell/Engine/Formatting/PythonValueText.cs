using System;
using System.Collections;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Formatting
{
    // PLACEHOLDER until the json branch merges (it replaces this file).
    public static class PythonValueText
    {
        public static void Append(StringBuilder output, object value)
        {
            switch (value)
            {
                case null: output.Append("None"); break;
                case bool b: output.Append(b ? "True" : "False"); break;
                case string s: output.Append(s); break;
                case IDictionary map:
                    output.Append('{');
                    bool first = true;
                    foreach (DictionaryEntry entry in map)
                    {
                        output.Append(first ? string.Empty : ", ");
                        first = false;
                        Repr(output, entry.Key);
                        output.Append(": ");
                        Repr(output, entry.Value);
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
                        Repr(output, item);
                    }

                    output.Append(']');
                    break;
                default: output.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        private static void Repr(StringBuilder output, object value)
        {
            if (value is string s)
            {
                output.Append('\'').Append(s).Append('\'');
            }
            else
            {
                Append(output, value);
            }
        }
    }
}
