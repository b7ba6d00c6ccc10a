using System;
using System.Collections.Generic;
using System.Globalization;
using LlamaLog.Engine.Config;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Otlp;
using LlamaLog.Engine.Sinks;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLog.Engine
{
    /// <summary>
    /// The seed's <c>setup_logging</c>: levels back to the default then the given ones (or the environment's),
    /// the log file, the width, the console target and the formats; then the sinks they call for. Everything that
    /// can fail is done before anything changes, so a failed setup leaves the levels and the open file as they were.
    /// </summary>
    public static class LogSetup
    {
        public const string ParameterLevelSource = "Initialize-LlamaLog";

        /// <summary>
        /// Applies a setup. Warnings (bad pairs in the environment, an unusable width, held records left behind)
        /// are added to <paramref name="warnings"/>. When the log file cannot be opened: throws
        /// <see cref="LogFileException"/> if the request says to fail, else warns and goes on without a file.
        /// </summary>
        public static LogSettings Initialize(LogSetupRequest request, IList<string> warnings)
        {
            // OTLP and trace settings first: a bad one fails the setup before anything changes.
            Func<string, string> readVariable = Environment.GetEnvironmentVariable;
            OtlpOptions otlpOptions = OtlpOptions.Resolve(request.Otlp, readVariable, warnings);
            bool otlpUsable = OtlpSinkSetup.CheckProtocol(otlpOptions, request.FailOnFileError, warnings);
            TraceContextSource traceSource = TraceContextSource.Resolve(request.TraceParent, readVariable, warnings);

            IList<KeyValuePair<string, int>> levels = request.Levels;
            string levelSource = ParameterLevelSource;
            if (levels == null)
            {
                string text = EnvironmentVariables.Read(EnvironmentVariables.Logging, out string levelVariable);
                levelSource = levelVariable ?? CategoryLevels.DefaultSource;
                var parsed = EnvironmentConfigParser.Parse(text, levelSource);
                foreach (ConfigurationProblem problem in parsed.Problems)
                {
                    warnings.Add(problem.Message);
                }

                levels = new List<KeyValuePair<string, int>>(parsed.Entries);
            }

            string logFile = request.LogFile;
            string fileSource = "-LogFile";
            if (logFile == null)
            {
                logFile = EnvironmentVariables.Read(EnvironmentVariables.LogFile, out string fileVariable);
                fileSource = fileVariable;
            }

            int width = ResolveWidth(request.Width, warnings, out string widthSource);
            FileFormat fileFormat = request.FileFormat ?? FileFormat.Text;
            string fileFormatSource = request.FileFormat.HasValue ? "-FileFormat" : "Default";
            ConsoleFormat consoleFormat = ResolveConsoleFormat(request.ConsoleFormat, out string consoleFormatSource);

            RollingPolicy rolling = new RollingPolicy(request.MaxSize ?? 0, request.MaxFiles ?? RollingPolicy.DefaultMaxFiles,
                request.RollInterval ?? RollInterval.None, request.Compress);
            if (!rolling.Rotates && (request.MaxFiles.HasValue || request.Compress))
            {
                warnings.Add("-MaxFiles and -Compress apply to rotated files: without -MaxSize or -RollInterval the log file is never rotated.");
            }

            // The exporter before the file: an exporter that cannot start then fails the setup before a new log file
            // is created, and a file that cannot be opened stops a new exporter again.
            OtlpSink otlpSink = otlpUsable ? OtlpSinkSetup.Open(otlpOptions, LogEngine.Pipeline.Sinks, request.FailOnFileError, warnings) : null;
            bool otlpIsNew = otlpSink != null && !ReferenceEquals(otlpSink, LogEngine.Settings.OtlpSink);

            var sinks = new List<ILogSink>();
            FileSink fileSink = null;
            string fullPath = null;
            if (!string.IsNullOrEmpty(logFile))
            {
                try
                {
                    fullPath = request.ResolvePath(logFile);
                    fileSink = LogEngine.OpenFileSink(fullPath, FormatterFor(fileFormat), rolling);
                    sinks.Add(fileSink);
                }
                catch (Exception e) when (FileSink.IsFileFault(e) || e is ArgumentException || e is NotSupportedException)
                {
                    string message = "Cannot open the log file '" + (fullPath ?? logFile) + "': " + e.Message;
                    if (request.FailOnFileError)
                    {
                        if (otlpIsNew)
                        {
                            otlpSink.Dispose();
                        }

                        throw new LogFileException(message, fullPath ?? logFile, e);
                    }

                    warnings.Add(message + " Logging goes to the host only.");
                    fullPath = null;
                    fileSource = "None";
                }
            }
            else
            {
                fileSource = "None";
            }

            var settings = new LogSettings(fullPath, fileSource, width, widthSource, request.Console, levelSource,
                TerminalColors.For(true), TerminalColors.ForStandardError(), fileFormat, fileFormatSource, consoleFormat, consoleFormatSource)
            {
                MaxSize = rolling.MaxSize,
                MaxFiles = rolling.MaxFiles,
                RollInterval = rolling.Interval,
                Compress = rolling.Compress,
            };
            if (request.Console == ConsoleTarget.Stderr)
            {
                sinks.Add(new StderrSink(LogEngine.ConsoleFormatterFor(settings), width, settings.StderrColors));
            }

            if (otlpSink != null)
            {
                sinks.Add(otlpSink);
            }

            settings.Otlp = otlpOptions;
            settings.OtlpSink = otlpSink;
            settings.TraceSource = traceSource;

            Dictionary<string, int> parkedBefore = HeldRecords.ParkedCounts();
            try
            {
                CategoryLevels.ResetAndApply(levels, levelSource);
                LogEngine.Configure(settings, sinks);
            }
            catch
            {
                // A sink opened here and never made current would keep its file and its watch open.
                foreach (ILogSink sink in sinks)
                {
                    if (!ReferenceEquals(sink, LogEngine.FileSink) && !ReferenceEquals(sink, LogEngine.Settings.OtlpSink))
                    {
                        sink.Dispose();
                    }
                }

                throw;
            }

            // Said for the records this setup left behind; a later setup does not repeat it.
            foreach (KeyValuePair<string, int> parked in HeldRecords.ParkedCounts())
            {
                if (!parkedBefore.TryGetValue(parked.Key, out int before) || parked.Value > before)
                {
                    warnings.Add(parked.Value.ToString(CultureInfo.InvariantCulture) + (parked.Value == 1 ? " record is" : " records are")
                        + " still held for '" + parked.Key + "', which could not be written: " + (parked.Value == 1 ? "it is" : "they are")
                        + " written first when that file is logged to again, and lost if this process ends before.");
                }
            }

            return settings;
        }

        /// <summary>The formatter of a file format.</summary>
        public static IRecordFormatter FormatterFor(FileFormat format)
        {
            return format == FileFormat.Json ? (IRecordFormatter)JsonRecordFormatter.Instance : TextLineFormatter.Instance;
        }

        private static int ResolveWidth(int? given, IList<string> warnings, out string source)
        {
            if (given.HasValue)
            {
                source = "-Width";
                return given.Value;
            }

            source = "Default";
            string text = EnvironmentVariables.Read(EnvironmentVariables.LogWidth, out string widthVariable);
            if (text != null && text.Trim().Length > 0)
            {
                if (ConsoleWidth.TryConvert(text.Trim(), out int parsedWidth))
                {
                    source = widthVariable;
                    return parsedWidth;
                }

                warnings.Add(widthVariable + "=" + ConsoleWidth.DescribeRefused(text) + " Using the default width "
                    + LogSettings.DefaultWidth.ToString(CultureInfo.InvariantCulture) + ".");
            }

            return LogSettings.DefaultWidth;
        }

        private static ConsoleFormat ResolveConsoleFormat(ConsoleFormat? given, out string source)
        {
            if (given.HasValue)
            {
                source = "-ConsoleFormat";
                return given.Value;
            }

            // As OGX: the variable's value lowercased is "json", or the console keeps Rich.
            string text = EnvironmentVariables.Read(EnvironmentVariables.LogFormat, out string variable);
            if (text != null && string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
            {
                source = variable;
                return ConsoleFormat.Json;
            }

            source = text == null ? "Default" : variable;
            return ConsoleFormat.Rich;
        }
    }
}
