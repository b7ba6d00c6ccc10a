using System;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Recognises the first line of a record in each line format and reads its fixed fields: the seed's
    /// <c>asctime name:lineno category: </c>, structlog's <c>timestamp [level] </c>, and Rich's level column.
    /// Hand-written scanning (no regular expression per line); logger and category names repeat, so the strings of
    /// the last ones read are shared.
    /// </summary>
    internal sealed class RecordHeaderReader
    {
        /// <summary>Rich's level column: the name padded as <c>levelname.ljust(8)</c>, then one space.</summary>
        public const int ConsoleColumnWidth = 9;

        private static readonly string[] ConsoleLevelNames = { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET" };
        private static readonly LogLevel[] ConsoleLevels = { LogLevel.Debug, LogLevel.Info, LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.NotSet };

        private string lastName;
        private string lastCategory;

        public RecordHeaderReader(LogTimestamps timestamps)
        {
            Timestamps = timestamps;
        }

        public LogTimestamps Timestamps { get; }

        /// <summary>
        /// The seed's prefix at <paramref name="start"/>: <c>2026-05-07 15:43:12,345 name:42 core::server: </c>.
        /// The logger name is everything up to the last ':' of the first word; the category is the next word, which
        /// ends in ':' and a space (or the end of the line, for an empty message with its trailing space trimmed).
        /// </summary>
        public bool TryText(string line, int start, LogEntry entry, out int messageStart)
        {
            messageStart = 0;
            int nameStart = start + LogTimestamps.AscTimeLength + 1;
            if (line.Length <= nameStart || line[nameStart - 1] != ' ' || !char.IsDigit(line[start]))
            {
                return false;
            }

            int space = line.IndexOf(' ', nameStart);
            if (space < 0)
            {
                return false;
            }

            int colon = line.LastIndexOf(':', space - 1, space - nameStart);
            if (colon <= nameStart || colon + 1 == space || !TryNumber(line, colon + 1, space, out int lineNumber))
            {
                return false;
            }

            int categoryStart = space + 1;
            int categoryEnd = categoryStart;
            while (categoryEnd < line.Length && line[categoryEnd] != ' ')
            {
                categoryEnd++;
            }

            // categoryEnd is the space after "category:" (or the end of the line).
            if (categoryEnd - categoryStart < 2 || line[categoryEnd - 1] != ':')
            {
                return false;
            }

            if (!Timestamps.TryParseAscTime(line, start, out DateTimeOffset time))
            {
                return false;
            }

            entry.Time = time;
            entry.Name = lastName = Shared(line, nameStart, colon, lastName);
            entry.Line = lineNumber;
            entry.Category = lastCategory = Shared(line, categoryStart, categoryEnd - 1, lastCategory);
            messageStart = Math.Min(categoryEnd + 1, line.Length);
            return true;
        }

        /// <summary>
        /// structlog's ConsoleRenderer columns at <paramref name="start"/>: an ISO timestamp, a space, the level in
        /// brackets (padded with spaces on OGX's console, not in its file), then a space and the event, if any.
        /// </summary>
        /// <remarks>
        /// On OGX's Rich console (<paramref name="onRichConsole"/>) Rich reads <c>[info     ]</c> as a markup tag of
        /// an unknown style and shows nothing for it: the timestamp is followed by two spaces, and the level is the
        /// console's level column.
        /// </remarks>
        public bool TryStructlog(string line, int start, LogEntry entry, out int eventStart, bool onRichConsole = false)
        {
            eventStart = 0;
            if (line.Length - start < 23 || line[start + 10] != 'T' || !char.IsDigit(line[start]))
            {
                return false;
            }

            int space = line.IndexOf(' ', start + 19);
            if (onRichConsole && space > 0 && space + 2 < line.Length && line[space + 1] == ' ' && line[space + 2] != ' '
                && Timestamps.TryParseIso(line, start, space, out DateTimeOffset consoleTime))
            {
                entry.Time = consoleTime;
                eventStart = space + 2;
                return true;
            }

            if (space < 0 || space + 3 > line.Length || line[space + 1] != '[')
            {
                return false;
            }

            int close = line.IndexOf(']', space + 2);
            if (close < 0)
            {
                return false;
            }

            int levelEnd = close;
            while (levelEnd > space + 2 && line[levelEnd - 1] == ' ')
            {
                levelEnd--;
            }

            for (int i = space + 2; i < levelEnd; i++)
            {
                char c = line[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                {
                    return false;
                }
            }

            if (levelEnd == space + 2 || (close + 1 < line.Length && line[close + 1] != ' ')
                || !Timestamps.TryParseIso(line, start, space, out DateTimeOffset time))
            {
                return false;
            }

            entry.Time = time;
            entry.Level = LevelText.Parse(line.Substring(space + 2, levelEnd - space - 2));
            eventStart = Math.Min(close + 2, line.Length);
            return true;
        }

        /// <summary>
        /// The start of a structlog record of OGX's own loggers: the event begins <c>logger.name:lineno </c>
        /// (its _extract_event_message puts them there).
        /// </summary>
        public bool TryStructlogOrigin(string text, int start, LogEntry entry, out int messageStart)
        {
            messageStart = 0;
            int space = text.IndexOf(' ', start);
            int end = space < 0 ? text.Length : space;
            int newline = text.IndexOf('\n', start, end - start);
            if (newline >= 0)
            {
                return false;
            }

            int colon = end > start ? text.LastIndexOf(':', end - 1, end - start) : -1;
            if (colon <= start || colon + 1 == end || !TryNumber(text, colon + 1, end, out int lineNumber))
            {
                return false;
            }

            entry.Name = lastName = Shared(text, start, colon, lastName);
            entry.Line = lineNumber;
            messageStart = space < 0 ? text.Length : space + 1;
            return true;
        }

        /// <summary>Rich's level column at the start of a console line: the level, or false.</summary>
        public static bool TryConsoleColumn(string line, out LogLevel level)
        {
            level = LogLevel.NotSet;
            if (line.Length <= ConsoleColumnWidth || line[ConsoleColumnWidth - 1] != ' ' || line[0] < 'A' || line[0] > 'Z')
            {
                return false;
            }

            for (int n = 0; n < ConsoleLevelNames.Length; n++)
            {
                string name = ConsoleLevelNames[n];
                if (string.CompareOrdinal(line, 0, name, 0, name.Length) != 0)
                {
                    continue;
                }

                for (int i = name.Length; i < ConsoleColumnWidth; i++)
                {
                    if (line[i] != ' ')
                    {
                        return false;
                    }
                }

                level = ConsoleLevels[n];
                return true;
            }

            return false;
        }

        private static bool TryNumber(string text, int start, int end, out int value)
        {
            value = 0;
            if (end - start > 9)
            {
                return false;
            }

            return LogTimestamps.Digits(text, start, end - start, out value);
        }

        private static string Shared(string text, int start, int end, string last)
        {
            if (last != null && last.Length == end - start && string.CompareOrdinal(text, start, last, 0, last.Length) == 0)
            {
                return last;
            }

            return text.Substring(start, end - start);
        }
    }
}
