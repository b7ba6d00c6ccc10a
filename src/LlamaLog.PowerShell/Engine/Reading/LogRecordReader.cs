using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Turns lines of a log into entries, one line at a time, as they come (a file, or text from the pipeline).
    /// Each line either starts a record (its format recognised per line with <see cref="LogFormat.Auto"/>, so a file
    /// written by two versions of a server reads whole) or belongs to the record before it: a message's later
    /// lines, a traceback, LlamaLog's indented exception lines, Rich's wrapped lines. A line that starts nothing and
    /// follows no record of a line format becomes an <see cref="LogFormat.Unknown"/> entry: no line is dropped.
    /// </summary>
    /// <remarks>
    /// Memory is bounded: a record holds at most <see cref="MaxContinuationLines"/> further lines and
    /// <see cref="MaxRecordCharacters"/> characters; past that it is complete, and the lines after it until the next
    /// record are Unknown entries. Not thread-safe: one reader per input.
    /// </remarks>
    public sealed class LogRecordReader
    {
        public const int MaxContinuationLines = 10000;
        public const long MaxRecordCharacters = 64L * 1024 * 1024;

        // The console width of Llama Stack, OGX and LlamaLog when LLAMA_STACK_LOG_WIDTH (OGX_LOG_WIDTH) is not set.
        private const int DefaultConsoleWidth = 120;

        private const string TracebackHeading = "Traceback (most recent call last):";
        private const string LlamaLogIndent = "    ";

        private readonly LogFormat format;
        private readonly string path;
        private readonly RecordHeaderReader headers;
        private readonly JsonLineReader json;
        private readonly LogEntry probe = new LogEntry();

        private long lineNumber;
        private int consoleWidth = DefaultConsoleWidth;

        // The record being read: its entry with the first line's fields, the first line (escape codes removed),
        // where its message starts, and the lines that followed it.
        private LogEntry pending;
        private string pendingFirst;
        private int pendingStart;
        private List<string> continuation = new List<string>();
        private int exceptionAt = -1;
        private long pendingCharacters;

        public LogRecordReader(LogFormat format, string path)
            : this(format, path, 0)
        {
        }

        /// <summary>A reader whose first line is line <paramref name="linesBefore"/> + 1 (a part of a file read from its middle).</summary>
        public LogRecordReader(LogFormat format, string path, long linesBefore)
        {
            lineNumber = linesBefore;
            this.format = format;
            this.path = path;
            var timestamps = new LogTimestamps();
            headers = new RecordHeaderReader(timestamps);
            json = new JsonLineReader(timestamps);
        }

        /// <summary>Reads the next line (without its line end); completed entries are added to <paramref name="output"/>.</summary>
        public void Add(string line, List<LogEntry> output)
        {
            lineNumber++;
            LogEntry started = TryStart(line, out string first, out int start, false);
            if (started != null)
            {
                Complete(output);
                if (started.Format == LogFormat.Json)
                {
                    output.Add(started);
                }
                else
                {
                    pending = started;
                    pendingFirst = first;
                    pendingStart = start;
                    pendingCharacters = first.Length;
                }

                return;
            }

            if (pending != null)
            {
                string text = StripEscapes(line);
                if (continuation.Count < MaxContinuationLines && pendingCharacters + text.Length <= MaxRecordCharacters)
                {
                    AddContinuation(text);
                    return;
                }

                Complete(output);
            }

            output.Add(new LogEntry { Message = line, Format = LogFormat.Unknown, Path = path, LineNumber = lineNumber });
        }

        /// <summary>Completes the record being read, at the end of the input; adds it to <paramref name="output"/>.</summary>
        public void Complete(List<LogEntry> output)
        {
            if (pending == null)
            {
                return;
            }

            LogEntry entry = pending;
            switch (entry.Format)
            {
                case LogFormat.Text:
                    FinishText(entry, pendingFirst, pendingStart, continuation, MessageLineCount());
                    entry.Exception = ExceptionText(LlamaLogIndent.Length);
                    break;
                case LogFormat.Structlog:
                    FinishStructlog(entry, pendingFirst, pendingStart, continuation, MessageLineCount());
                    entry.Exception = ExceptionText(0) ?? entry.Exception;
                    break;
                default:
                    FinishConsole(entry);
                    break;
            }

            output.Add(entry);
            pending = null;
            pendingFirst = null;
            exceptionAt = -1;
            pendingCharacters = 0;
            if (continuation.Capacity > 1024)
            {
                continuation = new List<string>();
            }
            else
            {
                continuation.Clear();
            }
        }

        /// <summary>Whether a record is being read: one that the next lines may still continue.</summary>
        public bool HasPending => pending != null;

        /// <summary>
        /// Whether <paramref name="line"/> starts a record (the test <see cref="Add"/> makes), without reading it:
        /// how a file read from its end finds where its records begin.
        /// </summary>
        public bool StartsRecord(string line)
        {
            return TryStart(line, out string _, out int _, true) != null;
        }

        /// <summary>
        /// Starts again at line <paramref name="linesBefore"/> + 1, the record being read dropped: for a part of a
        /// file read after another (a file read backwards, record by record). What was learnt of the console width stays.
        /// </summary>
        public void Restart(long linesBefore)
        {
            lineNumber = linesBefore;
            pending = null;
            pendingFirst = null;
            exceptionAt = -1;
            pendingCharacters = 0;
            continuation.Clear();
        }

        private int MessageLineCount() => exceptionAt < 0 ? continuation.Count : exceptionAt;

        private static string StripEscapes(string line)
        {
            return line.IndexOf(AnsiEscapes.Escape) >= 0 ? AnsiEscapes.Strip(line) : line;
        }

        private LogEntry TryStart(string line, out string first, out int start, bool probeOnly)
        {
            first = null;
            start = 0;
            if (line.Length == 0)
            {
                return null;
            }

            char initial = line[0];
            if ((initial == '{' || initial == ' ' || initial == '\t') && (format == LogFormat.Auto || format == LogFormat.Json))
            {
                int i = 0;
                while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
                {
                    i++;
                }

                if (i < line.Length && line[i] == '{')
                {
                    var entry = new LogEntry { Format = LogFormat.Json, Path = path, LineNumber = lineNumber };
                    return json.TryRead(line, entry) ? entry : null;
                }

                return null;
            }

            if (format == LogFormat.Json)
            {
                return null;
            }

            string text = StripEscapes(line);
            if (text.Length == 0)
            {
                return null;
            }

            initial = text[0];
            if (initial >= '0' && initial <= '9' && text.Length > 23)
            {
                if (text[10] == ' ' && (format == LogFormat.Auto || format == LogFormat.Text))
                {
                    var entry = new LogEntry { Format = LogFormat.Text, Path = path, LineNumber = lineNumber };
                    if (headers.TryText(text, 0, entry, out start))
                    {
                        first = text;
                        return entry;
                    }
                }
                else if (text[10] == 'T' && (format == LogFormat.Auto || format == LogFormat.Structlog))
                {
                    var entry = new LogEntry { Format = LogFormat.Structlog, Path = path, LineNumber = lineNumber };
                    if (headers.TryStructlog(text, 0, entry, out start))
                    {
                        first = text;
                        return entry;
                    }
                }

                return null;
            }

            if (initial >= 'A' && initial <= 'Z' && (format == LogFormat.Auto || format == LogFormat.Console)
                && RecordHeaderReader.TryConsoleColumn(text, out LogLevel level))
            {
                string trimmed = text.TrimEnd(' ');
                int body = RecordHeaderReader.ConsoleColumnWidth;
                // Automatic detection takes a level column only before one of the lines Rich lays out for Llama
                // Stack and OGX: any other "INFO     x" is more likely a message's own text.
                if (format == LogFormat.Auto && !headers.TryText(trimmed, body, probe, out int _) && !headers.TryStructlog(trimmed, body, probe, out int _, true))
                {
                    return null;
                }

                // Rich pads every line to the console width; LlamaLog does not, but may end a wrapped line with the
                // space it broke at. So a line ending in two spaces or more is padded, and tells the width.
                if (trimmed.Length < text.Length - 1 && !probeOnly)
                {
                    consoleWidth = CellWidth.Of(text);
                }

                first = trimmed;
                start = body;
                return new LogEntry { Format = LogFormat.Console, Level = level, Path = path, LineNumber = lineNumber };
            }

            return null;
        }

        private void AddContinuation(string text)
        {
            if (exceptionAt < 0 && StartsException(text))
            {
                exceptionAt = continuation.Count;
            }

            continuation.Add(text);
            pendingCharacters += text.Length + 1;
        }

        private bool StartsException(string text)
        {
            switch (pending.Format)
            {
                case LogFormat.Text:
                    // Llama Stack writes Python's traceback unindented; LlamaLog indents its exception lines by four:
                    // the traceback heading, or "Namespace.Type: message" when there is no script stack trace.
                    if (text == TracebackHeading)
                    {
                        return true;
                    }

                    if (text.Length > LlamaLogIndent.Length && string.CompareOrdinal(text, 0, LlamaLogIndent, 0, LlamaLogIndent.Length) == 0
                        && text[LlamaLogIndent.Length] != ' ')
                    {
                        return string.CompareOrdinal(text, LlamaLogIndent.Length, TracebackHeading, 0, TracebackHeading.Length) == 0
                            || IsExceptionTypeLine(text, LlamaLogIndent.Length);
                    }

                    return false;
                case LogFormat.Structlog:
                    // Rich's boxed traceback (structlog's default exception formatter when Rich is installed), or
                    // structlog's plain_traceback.
                    return text.StartsWith("╭", StringComparison.Ordinal) || text == TracebackHeading;
                default:
                    string content = text.TrimStart(' ');
                    return content.StartsWith("╭", StringComparison.Ordinal) || content.StartsWith(TracebackHeading, StringComparison.Ordinal);
            }
        }

        // "System.Management.Automation.RuntimeException: message": a dotted type name, then ':' and the end or a space.
        private static bool IsExceptionTypeLine(string text, int start)
        {
            bool dotted = false;
            int i = start;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '.')
                {
                    dotted = true;
                }
                else if (!(char.IsLetterOrDigit(c) || c == '_' || c == '+' || c == '`'))
                {
                    break;
                }

                i++;
            }

            return dotted && i > start && i < text.Length && text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' ');
        }

        // The seed's line: the message is the rest of the first line and the message lines after it; properties end
        // its last line.
        private static void FinishText(LogEntry entry, string first, int start, IList<string> more, int moreCount)
        {
            string last = moreCount == 0 ? first : more[moreCount - 1];
            int lastStart = moreCount == 0 ? start : 0;
            int suffix = PropertySuffix.TryRead(last, lastStart, out OrderedDictionary properties);
            if (properties != null)
            {
                entry.Properties = properties;
            }

            entry.Message = JoinMessage(first, start, more, moreCount, suffix < 0 ? last.Length : suffix);
        }

        // structlog's line: OGX's own records begin the event with "logger:lineno " and end it with three spaces and
        // the pairs (category among them); another library's record ends with " [logger] key=repr ...".
        private void FinishStructlog(LogEntry entry, string first, int start, IList<string> more, int moreCount)
        {
            string last = moreCount == 0 ? first : more[moreCount - 1];
            OrderedDictionary properties;
            int messageEnd;
            if (headers.TryStructlogOrigin(first, start, entry, out int messageStart))
            {
                start = messageStart;
                int lastStart = moreCount == 0 ? start : 0;
                int suffix = PropertySuffix.TryRead(last, lastStart, out properties);
                messageEnd = suffix < 0 ? last.Length : suffix;
            }
            else
            {
                int lastStart = moreCount == 0 ? start : 0;
                int column = PropertySuffix.TryReadLoggerColumn(last, lastStart, out string logger, out properties);
                if (column >= 0)
                {
                    entry.Name = logger;
                    // The space before the column is the separator (absent when the event is empty).
                    messageEnd = column > lastStart ? column - 1 : column;
                }
                else if (entry.Format == LogFormat.Console && (column = PropertySuffix.TryRead(last, lastStart, out properties, "  ")) >= 0)
                {
                    // On OGX's Rich console the [logger] column was read as a markup tag and vanished, leaving two spaces.
                    messageEnd = column;
                }
                else
                {
                    messageEnd = last.Length;
                }
            }

            if (properties != null)
            {
                if (properties.Contains("category") && properties["category"] is string category)
                {
                    entry.Category = category;
                    properties.Remove("category");
                }

                if (properties.Contains("exc_info"))
                {
                    entry.Exception = properties["exc_info"];
                    properties.Remove("exc_info");
                }

                if (properties.Count > 0)
                {
                    entry.Properties = properties;
                }
            }

            entry.Message = JoinMessage(first, start, more, moreCount, messageEnd);
        }

        // A captured Rich console: the body (after the level column) and its continuation lines (indented by the
        // column's width) joined back into the line the formatter made, then read as that line's format.
        private void FinishConsole(LogEntry entry)
        {
            int count = MessageLineCount();
            var logical = new List<string>();
            var current = new StringBuilder(pendingFirst, pendingStart, pendingFirst.Length - pendingStart, pendingFirst.Length);
            string previous = pendingFirst.Substring(pendingStart);
            int messageWidth = Math.Max(1, consoleWidth - RecordHeaderReader.ConsoleColumnWidth);
            for (int i = 0; i < count; i++)
            {
                string line = continuation[i].TrimEnd(' ');
                bool indented = line.Length >= RecordHeaderReader.ConsoleColumnWidth && IsSpaces(line, RecordHeaderReader.ConsoleColumnWidth);
                string content = indented ? line.Substring(RecordHeaderReader.ConsoleColumnWidth) : line;
                if (indented && content.Length > 0 && content[0] != ' ')
                {
                    int previousCells = CellWidth.Of(previous);
                    int space = content.IndexOf(' ');
                    string word = space < 0 ? content : content.Substring(0, space);
                    if (previousCells >= messageWidth && previous.IndexOf(' ') < 0)
                    {
                        // A word longer than the column, folded: its pieces join without a space.
                        current.Append(content);
                        previous = content;
                        continue;
                    }

                    if (previousCells + 1 + CellWidth.Of(word) > messageWidth)
                    {
                        // Wrapped: the word did not fit after the previous line, so Rich broke at a space there.
                        current.Append(' ').Append(content);
                        previous = content;
                        continue;
                    }
                }

                // Otherwise the message had a line break here.
                logical.Add(current.ToString());
                current.Clear().Append(content);
                previous = content;
            }

            logical.Add(current.ToString());
            string body = logical[0];
            logical.RemoveAt(0);
            var header = new LogEntry();
            if (headers.TryText(body, 0, header, out int messageStart))
            {
                entry.Time = header.Time;
                entry.Name = header.Name;
                entry.Line = header.Line;
                entry.Category = header.Category;
                FinishText(entry, body, messageStart, logical, logical.Count);
            }
            else if (headers.TryStructlog(body, 0, header, out int eventStart, true))
            {
                entry.Time = header.Time;
                FinishStructlog(entry, body, eventStart, logical, logical.Count);
            }
            else
            {
                FinishText(entry, body, 0, logical, logical.Count);
            }

            entry.Exception = ExceptionText(RecordHeaderReader.ConsoleColumnWidth) ?? entry.Exception;
        }

        private static bool IsSpaces(string text, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (text[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }

        private static string JoinMessage(string first, int start, IList<string> more, int moreCount, int lastEnd)
        {
            if (moreCount == 0)
            {
                return start == 0 && lastEnd == first.Length ? first : first.Substring(start, lastEnd - start);
            }

            var builder = new StringBuilder();
            builder.Append(first, start, first.Length - start);
            for (int i = 0; i < moreCount - 1; i++)
            {
                builder.Append('\n').Append(more[i]);
            }

            return builder.Append('\n').Append(more[moreCount - 1], 0, lastEnd).ToString();
        }

        // The exception lines as written, without the indent the writer added to set them apart (LlamaLog's four
        // spaces, Rich's level column); null when the record has none.
        private string ExceptionText(int indent)
        {
            if (exceptionAt < 0)
            {
                return null;
            }

            bool indented = indent > 0 && continuation[exceptionAt].Length >= indent && IsSpaces(continuation[exceptionAt], indent);
            var builder = new StringBuilder();
            for (int i = exceptionAt; i < continuation.Count; i++)
            {
                string line = continuation[i];
                if (i > exceptionAt)
                {
                    builder.Append('\n');
                }

                if (pending.Format == LogFormat.Console)
                {
                    line = line.TrimEnd(' ');
                }

                int skip = indented && line.Length >= indent && IsSpaces(line, indent) ? indent : 0;
                builder.Append(line, skip, line.Length - skip);
            }

            return builder.ToString();
        }
    }
}
