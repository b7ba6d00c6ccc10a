using System;
using System.Collections;
using System.Collections.Generic;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Records;

namespace LlamaLog.Emit
{
    /// <summary>
    /// A record read back from a log (Import-LlamaLog), written again: its own time, level, category, logger name,
    /// line, properties, exception text and trace ids; the message as plain text, never read as markup. What the
    /// caller gave on the command line (-Level, -Category, -Name) wins over the entry's.
    /// </summary>
    internal static class LogEntryReplay
    {
        /// <summary>The level an entry is written at: its own, or INFO for a format without levels.</summary>
        public static int LevelOf(LogEntry entry) => entry.Level.HasValue ? (int)entry.Level.Value : (int)LogLevel.Info;

        /// <summary>The entry's category, or <c>uncategorized</c> for an entry that has none.</summary>
        public static string CategoryOf(LogEntry entry) => string.IsNullOrEmpty(entry.Category) ? CategoryNames.Uncategorized : entry.Category;

        /// <summary>
        /// Registers the category an entry names when LlamaLog does not know it (OGX has categories such as
        /// <c>telemetry</c>), as Register-LlamaLogCategory would; the registered name, or null when nothing was
        /// registered. Throws <see cref="ArgumentException"/> for a name that cannot be a category.
        /// </summary>
        public static string RegisterIfUnknown(string category)
        {
            if (CategoryLevels.ResolveMessageSlot(category) != null)
            {
                return null;
            }

            int split = category.IndexOf("::", StringComparison.Ordinal);
            string root = split < 0 ? category : category.Substring(0, split);
            return CategoryLevels.Register(root) ? root : null;
        }

        public static LogRecord Create(LogEntry entry, string name, int level, string category, IReadOnlyList<KeyValuePair<string, object>> properties)
        {
            DateTime time = entry.Time.HasValue ? entry.Time.Value.LocalDateTime : DateTime.Now;
            ExceptionDetails exception = ExceptionOf(entry.Exception);
            TraceContext trace = null;
            if (entry.TraceId != null && entry.SpanId != null)
            {
                trace = TraceContext.TryParse("00-" + entry.TraceId + "-" + entry.SpanId + "-01", null, out _);
            }

            return new LogRecord(time, name, entry.Line ?? 0, category, level, entry.Message ?? string.Empty, false, exception, properties, trace);
        }

        private static ExceptionDetails ExceptionOf(object written)
        {
            switch (written)
            {
                case null:
                    return null;
                case string text:
                    return text.Length == 0 ? null : ExceptionDetails.FromWrittenText(text);
                default:
                    // Structured (a JSON line's exception or exc_info): kept as its JSON text.
                    var json = new System.Text.StringBuilder();
                    JsonValueWriter.WriteValue(json, written is IEnumerable || written is bool ? written : written.ToString());
                    return ExceptionDetails.FromWrittenText(json.ToString());
            }
        }
    }
}
