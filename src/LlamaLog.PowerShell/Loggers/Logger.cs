using System;
using System.Management.Automation;
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

        public bool IsEnabledFor(object level) => LevelOf(level) >= CategoryLevels.EffectiveLevel(slot);

        public void Debug(string message)
        {
            if ((int)LogLevel.Debug >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit((int)LogLevel.Debug, message, null);
            }
        }

        public void Info(string message)
        {
            if ((int)LogLevel.Info >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit((int)LogLevel.Info, message, null);
            }
        }

        public void Warning(string message)
        {
            if ((int)LogLevel.Warning >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit((int)LogLevel.Warning, message, null);
            }
        }

        public void Error(string message)
        {
            if ((int)LogLevel.Error >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit((int)LogLevel.Error, message, null);
            }
        }

        public void Critical(string message)
        {
            if ((int)LogLevel.Critical >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit((int)LogLevel.Critical, message, null);
            }
        }

        /// <summary>Logs at a level given as the enum, a name (any case, WARN and FATAL too) or a number.</summary>
        public void Log(object level, string message)
        {
            int value = LevelOf(level);
            if (value >= CategoryLevels.EffectiveLevel(slot))
            {
                Emit(value, message, null);
            }
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

            if ((int)LogLevel.Error < CategoryLevels.EffectiveLevel(slot))
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
