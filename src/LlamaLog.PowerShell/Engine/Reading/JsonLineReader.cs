using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Reads one JSON line of LlamaLog or OGX into an entry: the record's keys (<c>category</c>, <c>event</c>,
    /// <c>level</c>, <c>logger</c>, <c>timestamp</c>, <c>lineno</c>, <c>trace_id</c>, <c>span_id</c>,
    /// <c>exception</c>, <c>exc_info</c>) into fields, every other key into the properties in order. A small
    /// hand-written parser (RFC 8259, strict as Python's <c>json.loads</c>): netstandard2.0 has no JSON reader, and
    /// this one reads the record's keys without building strings for them.
    /// </summary>
    internal sealed class JsonLineReader
    {
        private const int MaxDepth = 256;

        private readonly LogTimestamps timestamps;
        private readonly StringBuilder scratch = new StringBuilder();

        // The last category and logger names read: records repeat them, so the strings are shared.
        private string lastCategory;
        private string lastLogger;
        private string lastLevelText;
        private LogLevel? lastLevel;

        public JsonLineReader(LogTimestamps timestamps)
        {
            this.timestamps = timestamps;
        }

        /// <summary>Fills <paramref name="entry"/> from <paramref name="line"/>; false when the line is not one JSON object.</summary>
        public bool TryRead(string line, LogEntry entry)
        {
            try
            {
                return TryReadObject(line, entry);
            }
            catch (FormatException)
            {
                // An invalid escape or a malformed exception value, found while reading.
                return false;
            }
        }

        private bool TryReadObject(string line, LogEntry entry)
        {
            int i = 0;
            int end = line.Length;
            SkipWhitespace(line, ref i, end);
            if (i >= end || line[i] != '{')
            {
                return false;
            }

            i++;
            OrderedDictionary properties = null;
            SkipWhitespace(line, ref i, end);
            if (i < end && line[i] == '}')
            {
                i++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace(line, ref i, end);
                    if (i >= end || line[i] != '"' || !TryReadStringBounds(line, ref i, end, out int keyStart, out int keyEnd, out bool keyEscaped))
                    {
                        return false;
                    }

                    SkipWhitespace(line, ref i, end);
                    if (i >= end || line[i] != ':')
                    {
                        return false;
                    }

                    i++;
                    SkipWhitespace(line, ref i, end);
                    RecordKey key = keyEscaped ? RecordKey.Other : KeyOf(line, keyStart, keyEnd);
                    if (!TryReadField(line, ref i, end, key, entry))
                    {
                        if (!TryReadValue(line, ref i, end, 0, out object value))
                        {
                            return false;
                        }

                        string name = keyEscaped ? Unescape(line, keyStart, keyEnd) : line.Substring(keyStart, keyEnd - keyStart);
                        properties = properties ?? PythonValueReader.NewDictionary();
                        properties[name] = value;
                    }

                    SkipWhitespace(line, ref i, end);
                    if (i >= end)
                    {
                        return false;
                    }

                    if (line[i] == '}')
                    {
                        i++;
                        break;
                    }

                    if (line[i] != ',')
                    {
                        return false;
                    }

                    i++;
                }
            }

            SkipWhitespace(line, ref i, end);
            if (i != end)
            {
                return false;
            }

            if (properties != null)
            {
                entry.Properties = properties;
            }

            return true;
        }

        private enum RecordKey
        {
            Other,
            Category,
            Event,
            Level,
            Logger,
            Timestamp,
            LineNumber,
            TraceId,
            SpanId,
            Exception,
            ExcInfo,
        }

        private static RecordKey KeyOf(string line, int start, int end)
        {
            switch (end - start)
            {
                case 5:
                    return Is(line, start, "event") ? RecordKey.Event : Is(line, start, "level") ? RecordKey.Level : RecordKey.Other;
                case 6:
                    return Is(line, start, "logger") ? RecordKey.Logger : Is(line, start, "lineno") ? RecordKey.LineNumber : RecordKey.Other;
                case 7:
                    return Is(line, start, "span_id") ? RecordKey.SpanId : RecordKey.Other;
                case 8:
                    return Is(line, start, "category") ? RecordKey.Category : Is(line, start, "trace_id") ? RecordKey.TraceId
                        : Is(line, start, "exc_info") ? RecordKey.ExcInfo : RecordKey.Other;
                case 9:
                    return Is(line, start, "timestamp") ? RecordKey.Timestamp : Is(line, start, "exception") ? RecordKey.Exception : RecordKey.Other;
                default:
                    return RecordKey.Other;
            }
        }

        private static bool Is(string line, int start, string name) => string.CompareOrdinal(line, start, name, 0, name.Length) == 0;

        // A record key whose value has the expected type goes to its field; false leaves the value unread, to be
        // kept as a property (a key of the wrong type, e.g. a numeric "logger", is not lost).
        private bool TryReadField(string line, ref int i, int end, RecordKey key, LogEntry entry)
        {
            if (key == RecordKey.Other)
            {
                return false;
            }

            if (key == RecordKey.Exception || key == RecordKey.ExcInfo)
            {
                if (key == RecordKey.ExcInfo && entry.Exception != null)
                {
                    return false;
                }

                if (!TryReadValue(line, ref i, end, 0, out object exception))
                {
                    throw new FormatException();
                }

                entry.Exception = exception;
                return true;
            }

            if (key == RecordKey.LineNumber)
            {
                int j = i;
                if (!TryReadValue(line, ref j, end, 0, out object number) || !(number is int lineNumber))
                {
                    return false;
                }

                entry.Line = lineNumber;
                i = j;
                return true;
            }

            if (i >= end || line[i] != '"')
            {
                return false;
            }

            int start = i;
            if (!TryReadStringBounds(line, ref i, end, out int textStart, out int textEnd, out bool escaped))
            {
                i = start;
                return false;
            }

            switch (key)
            {
                case RecordKey.Event:
                    entry.Message = escaped ? Unescape(line, textStart, textEnd) : line.Substring(textStart, textEnd - textStart);
                    return true;
                case RecordKey.Category:
                    entry.Category = lastCategory = Shared(line, textStart, textEnd, escaped, lastCategory);
                    return true;
                case RecordKey.Logger:
                    entry.Name = lastLogger = Shared(line, textStart, textEnd, escaped, lastLogger);
                    return true;
                case RecordKey.Level:
                    if (lastLevelText == null || !SameText(line, textStart, textEnd, lastLevelText))
                    {
                        lastLevelText = escaped ? Unescape(line, textStart, textEnd) : line.Substring(textStart, textEnd - textStart);
                        lastLevel = LevelText.Parse(lastLevelText);
                    }

                    if (!lastLevel.HasValue)
                    {
                        // A level name that is no Python level ("trace") stays, as a property.
                        i = start;
                        return false;
                    }

                    entry.Level = lastLevel;
                    return true;
                case RecordKey.Timestamp:
                    if (!escaped && timestamps.TryParseIso(line, textStart, textEnd, out DateTimeOffset time))
                    {
                        entry.Time = time;
                        return true;
                    }

                    i = start;
                    return false;
                case RecordKey.TraceId:
                    entry.TraceId = escaped ? Unescape(line, textStart, textEnd) : line.Substring(textStart, textEnd - textStart);
                    return true;
                case RecordKey.SpanId:
                    entry.SpanId = escaped ? Unescape(line, textStart, textEnd) : line.Substring(textStart, textEnd - textStart);
                    return true;
                default:
                    i = start;
                    return false;
            }
        }

        private string Shared(string line, int start, int end, bool escaped, string last)
        {
            if (!escaped && last != null && SameText(line, start, end, last))
            {
                return last;
            }

            return escaped ? Unescape(line, start, end) : line.Substring(start, end - start);
        }

        private static bool SameText(string line, int start, int end, string text)
        {
            return text.Length == end - start && string.CompareOrdinal(line, start, text, 0, text.Length) == 0;
        }

        private static void SkipWhitespace(string line, ref int i, int end)
        {
            while (i < end)
            {
                char c = line[i];
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                {
                    return;
                }

                i++;
            }
        }

        // The bounds of a string's content, its quotes excluded; whether it holds escapes. Control characters are
        // refused, as json.loads refuses them.
        private static bool TryReadStringBounds(string line, ref int i, int end, out int start, out int stop, out bool escaped)
        {
            escaped = false;
            start = i + 1;
            stop = start;
            int j = start;
            while (j < end)
            {
                char c = line[j];
                if (c == '"')
                {
                    stop = j;
                    i = j + 1;
                    return true;
                }

                if (c == '\\')
                {
                    escaped = true;
                    j += 2;
                    continue;
                }

                if (c < ' ')
                {
                    return false;
                }

                j++;
            }

            return false;
        }

        private string Unescape(string line, int start, int end)
        {
            StringBuilder builder = scratch.Clear();
            int i = start;
            while (i < end)
            {
                char c = line[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                char escape = i + 1 < end ? line[i + 1] : '\0';
                i += 2;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 4 > end || !int.TryParse(line.Substring(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw new FormatException();
                        }

                        // Surrogates, paired or lone, come back as the UTF-16 units they stand for.
                        builder.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw new FormatException();
                }
            }

            string text = builder.ToString();
            if (builder.Capacity > 1 << 16)
            {
                builder.Capacity = 256;
            }

            return text;
        }

        private bool TryReadValue(string line, ref int i, int end, int depth, out object value)
        {
            value = null;
            if (i >= end || depth > MaxDepth)
            {
                return false;
            }

            char c = line[i];
            switch (c)
            {
                case '"':
                    if (!TryReadStringBounds(line, ref i, end, out int start, out int stop, out bool escaped))
                    {
                        return false;
                    }

                    value = escaped ? Unescape(line, start, stop) : line.Substring(start, stop - start);
                    return true;
                case '{':
                    return TryReadObject(line, ref i, end, depth, out value);
                case '[':
                    return TryReadArray(line, ref i, end, depth, out value);
                case 't':
                    value = true;
                    return Literal(line, ref i, end, "true");
                case 'f':
                    value = false;
                    return Literal(line, ref i, end, "false");
                case 'n':
                    return Literal(line, ref i, end, "null");
                case 'N':
                    // Python's json.dumps writes NaN and Infinity unquoted, and json.loads reads them back.
                    value = double.NaN;
                    return Literal(line, ref i, end, "NaN");
                case 'I':
                    value = double.PositiveInfinity;
                    return Literal(line, ref i, end, "Infinity");
                default:
                    return TryReadNumber(line, ref i, end, out value);
            }
        }

        private static bool Literal(string line, ref int i, int end, string word)
        {
            if (end - i < word.Length || string.CompareOrdinal(line, i, word, 0, word.Length) != 0)
            {
                return false;
            }

            i += word.Length;
            return true;
        }

        private static bool TryReadNumber(string line, ref int i, int end, out object value)
        {
            value = null;
            int start = i;
            int j = i;
            if (j < end && line[j] == '-')
            {
                j++;
                if (j < end && line[j] == 'I' && Literal(line, ref j, end, "Infinity"))
                {
                    value = double.NegativeInfinity;
                    i = j;
                    return true;
                }
            }

            int digits = j;
            j = j < end && line[j] == '0' ? j + 1 : NumberText.SkipDigits(line, j, end);
            if (j == digits)
            {
                return false;
            }

            bool isFloat = false;
            if (j < end && line[j] == '.')
            {
                int fraction = ++j;
                j = NumberText.SkipDigits(line, j, end);
                if (j == fraction)
                {
                    return false;
                }

                isFloat = true;
            }

            int afterExponent = NumberText.SkipExponent(line, j, end);
            if (afterExponent < 0)
            {
                return false;
            }

            isFloat |= afterExponent != j;
            j = afterExponent;
            if (isFloat)
            {
                value = double.Parse(line.Substring(start, j - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else if (j - start <= 9)
            {
                int small = 0;
                for (int k = line[start] == '-' ? start + 1 : start; k < j; k++)
                {
                    small = (small * 10) + (line[k] - '0');
                }

                value = line[start] == '-' ? -small : small;
            }
            else
            {
                value = NumberText.Integer(line.Substring(start, j - start));
            }

            i = j;
            return true;
        }

        private bool TryReadObject(string line, ref int i, int end, int depth, out object value)
        {
            value = null;
            OrderedDictionary dictionary = PythonValueReader.NewDictionary();
            int j = i + 1;
            SkipWhitespace(line, ref j, end);
            if (j < end && line[j] == '}')
            {
                i = j + 1;
                value = dictionary;
                return true;
            }

            while (true)
            {
                SkipWhitespace(line, ref j, end);
                if (j >= end || line[j] != '"' || !TryReadStringBounds(line, ref j, end, out int keyStart, out int keyEnd, out bool escaped))
                {
                    return false;
                }

                string key = escaped ? Unescape(line, keyStart, keyEnd) : line.Substring(keyStart, keyEnd - keyStart);
                SkipWhitespace(line, ref j, end);
                if (j >= end || line[j] != ':')
                {
                    return false;
                }

                j++;
                SkipWhitespace(line, ref j, end);
                if (!TryReadValue(line, ref j, end, depth + 1, out object item))
                {
                    return false;
                }

                dictionary[key] = item;
                SkipWhitespace(line, ref j, end);
                if (j >= end)
                {
                    return false;
                }

                if (line[j] == '}')
                {
                    i = j + 1;
                    value = dictionary;
                    return true;
                }

                if (line[j] != ',')
                {
                    return false;
                }

                j++;
            }
        }

        private bool TryReadArray(string line, ref int i, int end, int depth, out object value)
        {
            value = null;
            var items = new List<object>();
            int j = i + 1;
            SkipWhitespace(line, ref j, end);
            if (j < end && line[j] == ']')
            {
                i = j + 1;
                value = items.ToArray();
                return true;
            }

            while (true)
            {
                SkipWhitespace(line, ref j, end);
                if (!TryReadValue(line, ref j, end, depth + 1, out object item))
                {
                    return false;
                }

                items.Add(item);
                SkipWhitespace(line, ref j, end);
                if (j >= end)
                {
                    return false;
                }

                if (line[j] == ']')
                {
                    i = j + 1;
                    value = items.ToArray();
                    return true;
                }

                if (line[j] != ',')
                {
                    return false;
                }

                j++;
            }
        }
    }
}
