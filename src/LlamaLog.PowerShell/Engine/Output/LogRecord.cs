using System;

namespace LlamaLog.Engine.Output
{
    /// <summary>One record that passed the level filter, with everything the sinks need to format it.</summary>
    public sealed class LogRecord
    {
        public LogRecord(DateTime time, string name, int line, string category, int level, string message, bool markup, ExceptionDetails exception = null)
        {
            Time = time;
            Name = name;
            Line = line;
            Category = category;
            Level = level;
            Message = message ?? string.Empty;
            Markup = markup;
            Exception = exception;
        }

        /// <summary>Local time, as Python's asctime uses.</summary>
        public DateTime Time { get; }

        public string Name { get; }

        public int Line { get; }

        public string Category { get; }

        public int Level { get; }

        public string Message { get; }

        public bool Markup { get; }

        public ExceptionDetails Exception { get; }
    }
}
