using System;
using System.Collections.Specialized;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Finds and reads the <c>key=value</c> pairs the text formats write after a message: LlamaLog's and OGX's
    /// <c>message   a=1 b=x</c> (three spaces, then the pairs sorted by key, values in Python's <c>str()</c>), and
    /// structlog's columns after another library's message (<c>[logger] category=server</c>, values in
    /// <c>repr()</c>).
    /// </summary>
    /// <remarks>
    /// The writers do not escape: a message may itself hold three spaces and <c>k=v</c>, and a value may hold
    /// <c>" k2="</c>. The rules, documented in docs/design.md: the pairs start after the last run of three spaces
    /// in the message's last line that is followed by <c>key=</c>; a value ends where a space is followed by a key
    /// that sorts after the current one and <c>=</c> (the writer sorts keys, so a following key is greater), or where
    /// a bracketed or quoted Python literal that starts the value ends.
    /// </remarks>
    internal static class PropertySuffix
    {
        private const string Separator = "   ";

        /// <summary>
        /// Reads the properties at the end of <paramref name="line"/>, looking no further left than
        /// <paramref name="start"/>; the separator's index, or -1 when the line has none.
        /// </summary>
        public static int TryRead(string line, int start, out OrderedDictionary properties, string separator = Separator)
        {
            properties = null;
            int fallback = -1;
            int from = line.Length - 1;
            while (from >= start + separator.Length)
            {
                int found = line.LastIndexOf(separator, from, from - start + 1, StringComparison.Ordinal);
                if (found < 0)
                {
                    break;
                }

                int pairs = found + separator.Length;
                if (pairs < line.Length && line[pairs] != ' ' && KeyEnd(line, pairs) > 0)
                {
                    var read = PythonValueReader.NewDictionary();
                    if (TryReadPairs(line, pairs, line.Length, read, out bool clean))
                    {
                        if (clean)
                        {
                            properties = read;
                            return found;
                        }

                        // A plain value ending in a closing quote or bracket: these three spaces are more likely inside
                        // a quoted or bracketed value of pairs that start further left.
                        if (fallback < 0)
                        {
                            fallback = found;
                            properties = read;
                        }
                    }
                }

                // Next, the occurrences that start left of this one (in a longer run of spaces, one character left).
                from = found + separator.Length - 2;
            }

            return fallback;
        }

        /// <summary>
        /// Reads structlog's tail of another library's record, <c>[logger.name]</c> then <c> key=repr</c> pairs, at
        /// the end of <paramref name="line"/>: the index of the <c>[</c>, or -1.
        /// </summary>
        public static int TryReadLoggerColumn(string line, int start, out string logger, out OrderedDictionary properties)
        {
            logger = null;
            properties = null;
            for (int open = line.LastIndexOf('[', line.Length - 1); open >= start; open = open == 0 ? -1 : line.LastIndexOf('[', open - 1))
            {
                if (open > start && line[open - 1] != ' ')
                {
                    continue;
                }

                int close = open + 1;
                while (close < line.Length && line[close] != ']' && line[close] != ' ' && line[close] != '[')
                {
                    close++;
                }

                if (close == open + 1 || close >= line.Length || line[close] != ']')
                {
                    continue;
                }

                OrderedDictionary read = null;
                if (close + 1 < line.Length)
                {
                    if (line[close + 1] != ' ' || KeyEnd(line, close + 2) < 0)
                    {
                        continue;
                    }

                    read = PythonValueReader.NewDictionary();
                    if (!TryReadPairs(line, close + 2, line.Length, read, out bool _))
                    {
                        continue;
                    }
                }

                logger = line.Substring(open + 1, close - open - 1);
                properties = read;
                return open;
            }

            return -1;
        }

        /// <summary>Reads <c>key=value key=value</c> from <paramref name="start"/> to <paramref name="end"/>.</summary>
        public static bool TryReadPairs(string line, int start, int end, OrderedDictionary into, out bool clean)
        {
            clean = true;
            int i = start;
            while (i < end)
            {
                int keyEnd = KeyEnd(line, i);
                if (keyEnd < 0 || keyEnd >= end)
                {
                    return false;
                }

                string key = line.Substring(i, keyEnd - i);
                int valueStart = keyEnd + 1;
                int valueEnd = -1;
                char first = valueStart < end ? line[valueStart] : '\0';
                if (first == '[' || first == '(' || first == '{' || first == '\'' || first == '"')
                {
                    int literalEnd = PythonValueReader.LiteralEnd(line, valueStart, end);
                    if (literalEnd > 0 && (literalEnd == end || StartsLaterPair(line, literalEnd, end, key)))
                    {
                        valueEnd = literalEnd;
                    }
                }

                if (valueEnd < 0)
                {
                    valueEnd = valueStart;
                    while (valueEnd < end && !(line[valueEnd] == ' ' && StartsLaterPair(line, valueEnd, end, key)))
                    {
                        valueEnd++;
                    }

                    char last = valueEnd > valueStart ? line[valueEnd - 1] : '\0';
                    if (last == '\'' || last == '"' || last == ']' || last == ')' || last == '}')
                    {
                        clean = false;
                    }
                }

                into[key] = PythonValueReader.Convert(line.Substring(valueStart, valueEnd - valueStart));
                i = valueEnd < end ? valueEnd + 1 : end;
            }

            return true;
        }

        // A space, then a key that sorts after the current one, then '='.
        private static bool StartsLaterPair(string line, int space, int end, string key)
        {
            if (line[space] != ' ' || space + 1 >= end)
            {
                return false;
            }

            int keyEnd = KeyEnd(line, space + 1);
            if (keyEnd < 0 || keyEnd >= end)
            {
                return false;
            }

            int length = keyEnd - space - 1;
            int compared = string.CompareOrdinal(line, space + 1, key, 0, Math.Min(length, key.Length));
            return compared > 0 || (compared == 0 && length > key.Length);
        }

        /// <summary>The index of the '=' after a key starting at <paramref name="i"/>, or -1.</summary>
        private static int KeyEnd(string line, int i)
        {
            if (i >= line.Length || !(IsLetter(line[i]) || line[i] == '_'))
            {
                return -1;
            }

            int j = i + 1;
            while (j < line.Length && (IsLetter(line[j]) || (line[j] >= '0' && line[j] <= '9') || line[j] == '_' || line[j] == '.' || line[j] == '-'))
            {
                j++;
            }

            return j < line.Length && line[j] == '=' ? j : -1;
        }

        private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
