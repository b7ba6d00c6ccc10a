using System;
using System.Collections.Generic;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Engine.Records
{
    /// <summary>
    /// One record that passed the level filter, with everything a sink may need: it is built once and handed, as
    /// it is, to every sink. Immutable, so sinks on other threads (the OTLP exporter's) may keep it.
    /// </summary>
    public sealed class LogRecord
    {
        private static readonly KeyValuePair<string, object>[] NoProperties = new KeyValuePair<string, object>[0];
        private string plainMessage;

        public LogRecord(DateTime time, string name, int line, string category, int level, string message, bool markup, ExceptionDetails exception = null)
            : this(time, name, line, category, level, message, markup, exception, null, null)
        {
        }

        public LogRecord(DateTime time, string name, int line, string category, int level, string message, bool markup,
            ExceptionDetails exception, IReadOnlyList<KeyValuePair<string, object>> properties, TraceContext trace)
            : this(time, name, line, category, level, message, markup, exception, properties, trace, null, null)
        {
        }

        /// <summary>A record with its caller's script file and function, where the caller knows them.</summary>
        public LogRecord(DateTime time, string name, int line, string category, int level, string message, bool markup,
            ExceptionDetails exception, IReadOnlyList<KeyValuePair<string, object>> properties, TraceContext trace,
            string sourceFile, string function)
        {
            SourceFile = string.IsNullOrEmpty(sourceFile) ? null : sourceFile;
            Function = string.IsNullOrEmpty(function) ? null : function;
            Time = time;
            Name = name;
            Line = line;
            Category = category;
            Level = level;
            Message = message ?? string.Empty;
            Markup = markup;
            Exception = exception;
            Properties = properties ?? NoProperties;
            Trace = trace;
        }

        /// <summary>Local time, as Python's asctime uses; JSON and OTLP convert it to UTC.</summary>
        public DateTime Time { get; }

        /// <summary>The logger name (the script's name for Write-LlamaLog).</summary>
        public string Name { get; }

        /// <summary>The caller's line, 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>The path of the caller's script, or null (a command typed at the prompt, or not known).</summary>
        public string SourceFile { get; }

        /// <summary>The caller's function or script block name, or null when not known.</summary>
        public string Function { get; }

        public string Category { get; }

        /// <summary>Python's level number: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL.</summary>
        public int Level { get; }

        /// <summary>The message as given: Rich markup when <see cref="Markup"/> is true.</summary>
        public string Message { get; }

        public bool Markup { get; }

        /// <summary>
        /// The message as plain text, markup resolved as the file shows it (a message that is not valid markup is
        /// its own text, as Llama Stack falls back). Worked out once, for whichever sink asks first.
        /// </summary>
        public string PlainMessage
        {
            get
            {
                // A race computes the same string twice at worst; no lock on the write path.
                return plainMessage ?? (plainMessage = Markup ? RichMarkup.ToPlainText(Message) : Message);
            }
        }

        public ExceptionDetails Exception { get; }

        /// <summary>The record's properties in the order given; empty, never null. Values are plain .NET values.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> Properties { get; }

        /// <summary>The W3C trace context the record was written in, or null.</summary>
        public TraceContext Trace { get; }
    }
}
