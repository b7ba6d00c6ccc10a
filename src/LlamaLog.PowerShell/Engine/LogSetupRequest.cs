using System;
using System.Collections.Generic;

namespace LlamaLog.Engine
{
    /// <summary>
    /// What a setup is asked for. A null setting is read from the environment (as Llama Stack's setup_logging
    /// does), else it takes its default.
    /// </summary>
    public sealed class LogSetupRequest
    {
        /// <summary>Category levels in order; null means LLAMA_STACK_LOGGING (or OGX_LOGGING).</summary>
        public IList<KeyValuePair<string, int>> Levels { get; set; }

        /// <summary>The log file; null means LLAMA_STACK_LOG_FILE (or OGX_LOG_FILE).</summary>
        public string LogFile { get; set; }

        /// <summary>The console width; null means LLAMA_STACK_LOG_WIDTH (or OGX_LOG_WIDTH), else 120.</summary>
        public int? Width { get; set; }

        public ConsoleTarget Console { get; set; } = ConsoleTarget.Host;

        /// <summary>The file's format; null means Text.</summary>
        public FileFormat? FileFormat { get; set; }

        /// <summary>The console's format; null means LLAMA_STACK_LOG_FORMAT (or OGX_LOG_FORMAT): json gives Json, anything else Rich.</summary>
        public ConsoleFormat? ConsoleFormat { get; set; }

        /// <summary>The OTLP parameters; unset ones are read from the OTEL_* variables.</summary>
        public Otlp.OtlpParameters Otlp { get; set; }

        /// <summary>The trace context when no activity is current; null means TRACEPARENT (and TRACESTATE).</summary>
        public string TraceParent { get; set; }

        /// <summary>Whether a log file that cannot be opened fails the setup (a cmdlet) or only warns (the import).</summary>
        public bool FailOnFileError { get; set; }

        /// <summary>Rotate the file before a record would take it past this many bytes; null or 0: no size limit.</summary>
        public long? MaxSize { get; set; }

        /// <summary>Rotated files kept; null means 7; 0 keeps all.</summary>
        public int? MaxFiles { get; set; }

        /// <summary>Rotate the file at each local hour or day; null means None.</summary>
        public RollInterval? RollInterval { get; set; }

        /// <summary>Gzip rotated files.</summary>
        public bool Compress { get; set; }

        /// <summary>Turns a path as given into a full path (PowerShell's current location for cmdlets).</summary>
        public Func<string, string> ResolvePath { get; set; } = System.IO.Path.GetFullPath;
    }
}
