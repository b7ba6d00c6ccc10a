using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using LlamaLog.Cmdlets;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Output;

namespace LlamaLog
{
    /// <summary>
    /// The seed's <c>get_logger(name, category)</c> for PowerShell: take it once, then call <c>$log.Info("…")</c>.
    /// A method call costs a fraction of a cmdlet call; a filtered-out call reads one volatile field and
    /// returns, without a lock, an allocation or a call-stack look-up. Records go through the same engine as
    /// Write-LlamaLog; the host text is written to the calling runspace's host.
    /// </summary>
    public sealed class Logger
    {
        private readonly CategorySlot slot;
        private readonly CallingRunspace output;

        internal Logger(string name, string category, CategorySlot slot, CallingRunspace output)
        {
            Name = name;
            Category = category;
            this.slot = slot;
            this.output = output;
        }

        public string Name { get; }

        public string Category { get; }

        /// <summary>The level records must reach to be written, read live from the process-wide table.</summary>
        public LogLevel EffectiveLevel => (LogLevel)CategoryLevels.EffectiveLevel(slot);

        public bool IsEnabledFor(object level) => IsEnabled(LevelOf(level));

        public void Debug(string message) => LogAt((int)LogLevel.Debug, message);

        public void Info(string message) => LogAt((int)LogLevel.Info, message);

        public void Warning(string message) => LogAt((int)LogLevel.Warning, message);

        public void Error(string message) => LogAt((int)LogLevel.Error, message);

        public void Critical(string message) => LogAt((int)LogLevel.Critical, message);

        /// <summary>Logs at a level given as the enum, a name (any case, WARN and FATAL too) or a number.</summary>
        public void Log(object level, string message)
        {
            LogAt(LevelOf(level), message);
        }

        /// <summary>Logs an error record or exception at ERROR, with its details; the message defaults to the exception's.</summary>
        public void Exception(object errorRecordOrException) => Exception(errorRecordOrException, null);

        public void Exception(object errorRecordOrException, string message)
        {
            // The argument is checked whatever the level, so a wrong call shows up even while errors are filtered.
            object value = errorRecordOrException is PSObject wrapped ? wrapped.BaseObject : errorRecordOrException;
            ErrorRecord record = value as ErrorRecord;
            Exception exception = record?.Exception ?? value as Exception;
            if (exception == null)
            {
                throw new ArgumentException("Exception() takes an ErrorRecord or an Exception, not " + (value?.GetType().FullName ?? "null") + ".", nameof(errorRecordOrException));
            }

            if (!IsEnabled((int)LogLevel.Error))
            {
                return;
            }

            Emit((int)LogLevel.Error, message ?? exception.Message, ExceptionDetails.From(exception, WriteLlamaLogCommand.ScriptStackTraceOf(record, exception)));
        }

        public override string ToString() => Name + " (" + Category + ")";

        private static int LevelOf(object level)
        {
            object value = level is PSObject wrapped ? wrapped.BaseObject : level;
            if (LevelNames.TryConvert(value, out int converted))
            {
                return converted;
            }

            throw new ArgumentException("'" + value + "' is not a log level. " + LevelNames.DescribeAccepted(), nameof(level));
        }

        // Inlined into each level method, so a filtered-out call stays one volatile read and a compare.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool IsEnabled(int level) => level >= CategoryLevels.EffectiveLevel(slot);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void LogAt(int level, string message)
        {
            if (IsEnabled(level))
            {
                Emit(level, message, null);
            }
        }

        private void Emit(int level, string message, ExceptionDetails details)
        {
            var record = new LogRecord(DateTime.Now, Name, CallingRunspace.ScriptLine(), Category, level, message ?? string.Empty, true, details);
            string host = LogEngine.Write(record, output.Colors, out string notice);
            if (notice != null)
            {
                output.WriteWarning(notice);
            }

            if (host != null)
            {
                output.WriteHost(host);
            }
        }
    }
}
