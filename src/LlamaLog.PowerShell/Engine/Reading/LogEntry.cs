using System;
using System.Collections.Specialized;

namespace LlamaLog
{
    /// <summary>
    /// One record read back from a log (Import-LlamaLog, ConvertFrom-LlamaLog). A field the format does not carry is
    /// null: the seed's text line has no level, another library's structlog line no line number, an Unknown line
    /// nothing but its text.
    /// </summary>
    public sealed class LogEntry
    {
        internal static readonly OrderedDictionary NoProperties = new OrderedDictionary(0).AsReadOnly();

        /// <summary>When the record was written. Formats without an offset (the seed's asctime) are read as local time.</summary>
        public DateTimeOffset? Time { get; internal set; }

        /// <summary>The record's level; null where the format has none (the seed's file line) or for an Unknown line.</summary>
        public LogLevel? Level { get; internal set; }

        /// <summary>The category (<c>core</c>, <c>core::routers</c>).</summary>
        public string Category { get; internal set; }

        /// <summary>The logger name (<c>ogx.core.server</c>, <c>uvicorn.error</c>, a script's name).</summary>
        public string Name { get; internal set; }

        /// <summary>The caller's line number, where the format has one.</summary>
        public int? Line { get; internal set; }

        /// <summary>The message: several lines for a message with newlines; the raw text for an Unknown entry.</summary>
        public string Message { get; internal set; }

        /// <summary>The record's properties (key=value pairs or extra JSON keys), in the order written; never null.</summary>
        public OrderedDictionary Properties { get; internal set; } = NoProperties;

        /// <summary>
        /// The exception as written: its text (a traceback, LlamaLog's indented lines without their indent) for the
        /// line formats; for JSON the value of <c>exception</c> (structured frames) or of OGX's <c>exc_info</c>.
        /// </summary>
        public object Exception { get; internal set; }

        /// <summary>The trace id (32 hex digits) of a JSON record that has one.</summary>
        public string TraceId { get; internal set; }

        /// <summary>The span id (16 hex digits) of a JSON record that has one.</summary>
        public string SpanId { get; internal set; }

        /// <summary>The file the record was read from (Import-LlamaLog); null for text from the pipeline.</summary>
        public string Path { get; internal set; }

        /// <summary>The line number, counted from 1, of the record's first line; 0 when the file was read from its end (-Tail) and not to its start.</summary>
        public long LineNumber { get; internal set; }

        /// <summary>The format the record was read as.</summary>
        public LogFormat Format { get; internal set; }

        public override string ToString()
        {
            return Message ?? string.Empty;
        }
    }
}
