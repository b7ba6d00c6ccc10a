namespace LlamaLog
{
    /// <summary>The output settings in force for the process, and where each came from.</summary>
    public sealed class LogSettings
    {
        public const int DefaultWidth = 120;

        public LogSettings(string logFile, string logFileSource, int width, string widthSource, ConsoleTarget console, string levelSource)
            : this(logFile, logFileSource, width, widthSource, console, levelSource, Engine.Markup.ColorSystem.None, Engine.Markup.ColorSystem.None)
        {
        }

        /// <summary>
        /// Settings with the colour systems decided at setup, as Rich decides them once when its console is built:
        /// <paramref name="terminalColors"/> for a host that takes escape codes (from NO_COLOR, TERM, COLORTERM),
        /// <paramref name="stderrColors"/> for standard error (also whether it is a terminal, or FORCE_COLOR).
        /// </summary>
        public LogSettings(string logFile, string logFileSource, int width, string widthSource, ConsoleTarget console, string levelSource,
            Engine.Markup.ColorSystem terminalColors, Engine.Markup.ColorSystem stderrColors)
            : this(logFile, logFileSource, width, widthSource, console, levelSource, terminalColors, stderrColors,
                FileFormat.Text, "Default", ConsoleFormat.Rich, "Default")
        {
        }

        /// <summary>Settings with the formats of the file and the console, and where each came from.</summary>
        public LogSettings(string logFile, string logFileSource, int width, string widthSource, ConsoleTarget console, string levelSource,
            Engine.Markup.ColorSystem terminalColors, Engine.Markup.ColorSystem stderrColors,
            FileFormat fileFormat, string fileFormatSource, ConsoleFormat consoleFormat, string consoleFormatSource)
        {
            FileFormat = fileFormat;
            FileFormatSource = fileFormatSource;
            ConsoleFormat = consoleFormat;
            ConsoleFormatSource = consoleFormatSource;
            TerminalColors = terminalColors;
            StderrColors = stderrColors;
            LogFile = logFile;
            LogFileSource = logFileSource;
            Width = width;
            WidthSource = widthSource;
            Console = console;
            LevelSource = levelSource;
        }

        /// <summary>The full path of the log file, or null when records go to the host only.</summary>
        public string LogFile { get; }

        /// <summary>-LogFile, LLAMA_STACK_LOG_FILE, OGX_LOG_FILE, or None.</summary>
        public string LogFileSource { get; }

        /// <summary>The console width the host layout wraps at.</summary>
        public int Width { get; }

        /// <summary>-Width, LLAMA_STACK_LOG_WIDTH, OGX_LOG_WIDTH, or Default.</summary>
        public string WidthSource { get; }

        public ConsoleTarget Console { get; }

        /// <summary>How the log file stores records: Text (the seed's line) or Json.</summary>
        public FileFormat FileFormat { get; }

        /// <summary>-FileFormat, or Default.</summary>
        public string FileFormatSource { get; }

        /// <summary>What the console shows: Rich (the server's console layout) or Json (OGX's JSON lines).</summary>
        public ConsoleFormat ConsoleFormat { get; }

        /// <summary>-ConsoleFormat, LLAMA_STACK_LOG_FORMAT, OGX_LOG_FORMAT, or Default.</summary>
        public string ConsoleFormatSource { get; }

        /// <summary>The log file is rotated before a record would take it past this many bytes; 0: no size limit.</summary>
        public long MaxSize { get; internal set; }

        /// <summary>How many rotated files are kept; 0 keeps all.</summary>
        public int MaxFiles { get; internal set; } = Engine.Sinks.Files.RollingPolicy.DefaultMaxFiles;

        /// <summary>Whether the log file is also rotated at each local hour or day.</summary>
        public RollInterval RollInterval { get; internal set; }

        /// <summary>Whether rotated files are gzip-compressed.</summary>
        public bool Compress { get; internal set; }

        /// <summary>Where the levels were initialized from: Initialize-LlamaLog (its -CategoryLevel), LLAMA_STACK_LOGGING, OGX_LOGGING, or Default.</summary>
        public string LevelSource { get; }

        /// <summary>The escape codes a host that takes them gets.</summary>
        public Engine.Markup.ColorSystem TerminalColors { get; }

        /// <summary>The escape codes standard error gets with <c>-Console Stderr</c>.</summary>
        public Engine.Markup.ColorSystem StderrColors { get; }

        /// <summary>OTLP export: every setting and where it came from (parameters, OTEL_* variables, defaults).</summary>
        public Engine.Otlp.OtlpOptions Otlp { get; internal set; } = Engine.Otlp.OtlpOptions.Disabled;

        /// <summary>The URL records are exported to, or null when they are not exported.</summary>
        public string OtlpEndpoint => Otlp.IsEnabled ? Otlp.LogsEndpoint.AbsoluteUri : null;

        /// <summary>-OtlpEndpoint, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, or None.</summary>
        public string OtlpEndpointSource => Otlp.EndpointSource;

        public Engine.Otlp.OtlpProtocol OtlpProtocol => Otlp.Protocol;

        /// <summary>-OtlpProtocol, OTEL_EXPORTER_OTLP_PROTOCOL, or Default.</summary>
        public string OtlpProtocolSource => Otlp.ProtocolSource;

        /// <summary>Records the exporter delivered (to the receiver, or to the -OtlpRetryPath folder), live.</summary>
        public long OtlpExported => OtlpSink?.Exported ?? 0;

        /// <summary>Records lost: the export queue was full, or the receiver did not take them after retries.</summary>
        public long OtlpDropped => OtlpSink?.Dropped ?? 0;

        /// <summary>Records waiting to be exported.</summary>
        public long OtlpQueued => OtlpSink?.Queued ?? 0;

        /// <summary>The trace context records carry when no activity is current (a traceparent value), or null.</summary>
        public string TraceParent => TraceSource.FallbackTraceParent;

        /// <summary>-TraceParent, TRACEPARENT, or None.</summary>
        public string TraceParentSource => TraceSource.FallbackSource;

        internal Engine.Otlp.TraceContextSource TraceSource { get; set; } = Engine.Otlp.TraceContextSource.None;

        internal Engine.Otlp.OtlpSink OtlpSink { get; set; }

        internal static LogSettings Initial { get; } = new LogSettings(null, "None", DefaultWidth, "Default", ConsoleTarget.Host, "Default",
            Engine.Formatting.TerminalColors.For(true), Engine.Formatting.TerminalColors.ForStandardError());
    }
}
