using System;
using System.Collections.Generic;
using System.Globalization;
using LlamaLog.Engine.Config;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// The seed's <c>setup_logging</c>: levels back to the default then the given ones (or the environment's),
    /// the log file, the width and the console target. Everything that can fail is done before anything
    /// changes, so a failed setup leaves the levels and the open file as they were.
    /// </summary>
    public static class LogSetup
    {
        public const string ParameterLevelSource = "Initialize-LlamaLog";

        /// <summary>
        /// Applies a setup. <paramref name="levels"/> null means LLAMA_STACK_LOGGING (or OGX_LOGGING);
        /// <paramref name="logFile"/> null means LLAMA_STACK_LOG_FILE (or OGX_LOG_FILE);
        /// <paramref name="width"/> null means LLAMA_STACK_LOG_WIDTH (or OGX_LOG_WIDTH), else 120.
        /// Warnings (bad pairs in the environment, an unusable width) are added to <paramref name="warnings"/>.
        /// When the log file cannot be opened: throws <see cref="LogFileException"/> if
        /// <paramref name="failOnFileError"/>, else warns and goes on without a file.
        /// </summary>
        public static LogSettings Initialize(
            IList<KeyValuePair<string, int>> levels,
            string logFile,
            int? width,
            ConsoleTarget console,
            bool failOnFileError,
            Func<string, string> resolvePath,
            IList<string> warnings)
        {
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

            string fileSource = "-LogFile";
            if (logFile == null)
            {
                logFile = EnvironmentVariables.Read(EnvironmentVariables.LogFile, out string fileVariable);
                fileSource = fileVariable;
            }

            int resolvedWidth = LogSettings.DefaultWidth;
            string widthSource = "Default";
            if (width.HasValue)
            {
                resolvedWidth = width.Value;
                widthSource = "-Width";
            }
            else
            {
                string text = EnvironmentVariables.Read(EnvironmentVariables.LogWidth, out string widthVariable);
                if (text != null && text.Trim().Length > 0)
                {
                    if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsedWidth) && parsedWidth >= MinimumWidth)
                    {
                        resolvedWidth = parsedWidth;
                        widthSource = widthVariable;
                    }
                    else
                    {
                        warnings.Add(widthVariable + "='" + text + "' is not a whole number of at least " + MinimumWidth.ToString(CultureInfo.InvariantCulture)
                            + "; using the default width " + LogSettings.DefaultWidth.ToString(CultureInfo.InvariantCulture) + ".");
                    }
                }
            }

            FileSink newSink = null;
            string fullPath = null;
            if (!string.IsNullOrEmpty(logFile))
            {
                try
                {
                    fullPath = resolvePath(logFile);
                    newSink = LogEngine.OpenSink(fullPath);
                }
                catch (Exception e) when (FileSink.IsFileFault(e) || e is ArgumentException || e is NotSupportedException)
                {
                    string message = "Cannot open the log file '" + (fullPath ?? logFile) + "': " + e.Message;
                    if (failOnFileError)
                    {
                        throw new LogFileException(message, fullPath ?? logFile, e);
                    }

                    warnings.Add(message + " Logging goes to the host only.");
                    newSink = null;
                    fullPath = null;
                    fileSource = "None";
                }
            }
            else
            {
                fileSource = "None";
            }

            var settings = new LogSettings(fullPath, fileSource, resolvedWidth, widthSource, console, levelSource,
                TerminalColors.For(true), TerminalColors.ForStandardError());
            try
            {
                CategoryLevels.ResetAndApply(levels, levelSource);
                LogEngine.Configure(settings, newSink);
            }
            catch
            {
                // A sink opened here and never made current would keep its file and its watch open.
                if (newSink != null && !ReferenceEquals(newSink, LogEngine.Sink))
                {
                    newSink.Dispose();
                }

                throw;
            }

            return settings;
        }

        /// <summary>The narrowest console the layout supports: the level column, its gap and two cells.</summary>
        public const int MinimumWidth = 11;
    }
}
