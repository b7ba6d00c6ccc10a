using System;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Engine;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Emit
{
    /// <summary>
    /// The one emit path of Write-LlamaLog and logger objects, after the level filter: the record (time, exception
    /// details, properties, trace context) and the engine's write. Callers show the notice and the host text their
    /// own way (a cmdlet's streams, a logger's runspace host).
    /// </summary>
    internal static class RecordEmitter
    {
        /// <summary>Builds the record of a call that passed the filter.</summary>
        public static LogRecord Create(string name, int line, string sourceFile, string function, string category, int level, string message, bool markup,
            Exception exception, ErrorRecord errorRecord, IReadOnlyList<KeyValuePair<string, object>> properties)
        {
            ExceptionDetails details = exception == null ? null : ExceptionDetails.From(exception, ScriptStackTraceOf(errorRecord, exception));
            return new LogRecord(DateTime.Now, name, line, category, level, message, markup, details, properties, LogEngine.Settings.TraceSource.Current(),
                sourceFile, function);
        }

        /// <summary>Writes the record to every sink; returns the host text, or null when the console is not the host.</summary>
        public static string Write(LogRecord record, ColorSystem hostColors, out string notice)
        {
            return LogEngine.Write(record, hostColors, out notice);
        }

        /// <summary>The script stack trace of the error record, or of the record an exception carries (a job's failure).</summary>
        public static string ScriptStackTraceOf(ErrorRecord record, Exception exception)
        {
            return record?.ScriptStackTrace ?? (exception as IContainsErrorRecord)?.ErrorRecord?.ScriptStackTrace;
        }
    }
}
