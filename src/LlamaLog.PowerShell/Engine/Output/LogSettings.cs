namespace LlamaLog
{
    /// <summary>The output settings in force for the process, and where each came from.</summary>
    public sealed class LogSettings
    {
        public const int DefaultWidth = 120;

        public LogSettings(string logFile, string logFileSource, int width, string widthSource, ConsoleTarget console, string levelSource)
        {
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

        /// <summary>Where the levels were initialized from: Initialize-LlamaLog (its -CategoryLevel), LLAMA_STACK_LOGGING, OGX_LOGGING, or Default.</summary>
        public string LevelSource { get; }

        internal static LogSettings Initial { get; } = new LogSettings(null, "None", DefaultWidth, "Default", ConsoleTarget.Host, "Default");
    }
}
