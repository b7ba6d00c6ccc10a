using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using LlamaLog.Emit;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Records;

namespace LlamaLog
{
    /// <summary>
    /// The seed's <c>get_logger(name, category)</c> for PowerShell: take it once, then call <c>$log.Info("…")</c>.
    /// A method call costs a fraction of a cmdlet call; a filtered-out call reads one volatile field and
    /// returns, without a lock, an allocation or a call-stack look-up. Records go through the same engine as
    /// Write-LlamaLog; the host text is written to the calling runspace's host. <see cref="With"/> returns a logger
    /// that adds bound properties to every record, as structlog's <c>bind</c>.
    /// </summary>
    public sealed class Logger
    {
        private readonly CategorySlot slot;
        private readonly CallingRunspace output;
        private readonly IReadOnlyList<KeyValuePair<string, object>> bound;

        internal Logger(string name, string category, CategorySlot slot, CallingRunspace output)
            : this(name, category, slot, output, null)
        {
        }

        private Logger(string name, string category, CategorySlot slot, CallingRunspace output, IReadOnlyList<KeyValuePair<string, object>> bound)
        {
            Name = name;
            Category = category;
            this.slot = slot;
            this.output = output;
            this.bound = bound;
        }

        public string Name { get; }

        public string Category { get; }

        /// <summary>The level records must reach to be written, read live from the process-wide table.</summary>
        public LogLevel EffectiveLevel => (LogLevel)CategoryLevels.EffectiveLevel(slot);

        /// <summary>The properties this logger adds to every record, in order (empty for a logger without any).</summary>
        public IDictionary BoundProperties
        {
            get
            {
                var copy = new System.Collections.Specialized.OrderedDictionary();
                if (bound != null)
                {
                    foreach (KeyValuePair<string, object> pair in bound)
                    {
                        copy[pair.Key] = pair.Value;
                    }
                }

                return copy;
            }
        }

        public bool IsEnabledFor(object level) => IsEnabled(LevelOf(level));

        /// <summary>
        /// A logger with the same name and category that adds <paramref name="properties"/> to every record, after
        /// this logger's own bound ones (a key bound again takes the new value). A record's own properties win.
        /// </summary>
        public Logger With(IDictionary properties)
        {
            return new Logger(Name, Category, slot, output, PropertyValues.Merge(bound, PropertyValues.From(properties)));
        }

        public void Debug(string message) => LogAt((int)LogLevel.Debug, message);

        public void Debug(string message, IDictionary properties) => LogAt((int)LogLevel.Debug, message, properties);

        public void Info(string message) => LogAt((int)LogLevel.Info, message);

        public void Info(string message, IDictionary properties) => LogAt((int)LogLevel.Info, message, properties);

        public void Warning(string message) => LogAt((int)LogLevel.Warning, message);

        public void Warning(string message, IDictionary properties) => LogAt((int)LogLevel.Warning, message, properties);

        public void Error(string message) => LogAt((int)LogLevel.Error, message);

        public void Error(string message, IDictionary properties) => LogAt((int)LogLevel.Error, message, properties);

        public void Critical(string message) => LogAt((int)LogLevel.Critical, message);

        public void Critical(string message, IDictionary properties) => LogAt((int)LogLevel.Critical, message, properties);

        /// <summary>Logs at a level given as the enum, a name (any case, WARN and FATAL too) or a number.</summary>
        public void Log(object level, string message)
        {
            LogAt(LevelOf(level), message);
        }

        public void Log(object level, string message, IDictionary properties)
        {
            LogAt(LevelOf(level), message, properties);
        }

        /// <summary>Logs an error record or exception at ERROR, with its details; the message defaults to the exception's.</summary>
        public void Exception(object errorRecordOrException) => Exception(errorRecordOrException, null, null);

        public void Exception(object errorRecordOrException, string message) => Exception(errorRecordOrException, message, null);

        public void Exception(object errorRecordOrException, string message, IDictionary properties)
        {
            // The arguments are checked whatever the level, so a wrong call shows up even while errors are filtered.
            object value = errorRecordOrException is PSObject wrapped ? wrapped.BaseObject : errorRecordOrException;
            ErrorRecord record = value as ErrorRecord;
            Exception exception = record?.Exception ?? value as Exception;
            if (exception == null)
            {
                throw new ArgumentException("Exception() takes an ErrorRecord or an Exception, not " + (value?.GetType().FullName ?? "null") + ".", nameof(errorRecordOrException));
            }

            IReadOnlyList<KeyValuePair<string, object>> given = PropertyValues.From(properties);
            if (!IsEnabled((int)LogLevel.Error))
            {
                return;
            }

            Emit((int)LogLevel.Error, message ?? exception.Message, exception, record, given);
        }

        public override string ToString() => Name + " (" + Category + ")";

        private static int LevelOf(object level)
        {
            object value = level is PSObject wrapped ? wrapped.BaseObject : level;
            if (LevelNames.TryConvert(value, out int converted))
            {
                return converted;
            }

            throw new ArgumentException("'" + WholeNumber.Show(value) + "' is not a log level. " + LevelNames.DescribeAccepted(), nameof(level));
        }

        // Inlined into each level method, so a filtered-out call stays one volatile read and a compare.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool IsEnabled(int level) => level >= CategoryLevels.EffectiveLevel(slot);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void LogAt(int level, string message)
        {
            if (IsEnabled(level))
            {
                Emit(level, message, null, null, null);
            }
        }

        private void LogAt(int level, string message, IDictionary properties)
        {
            // Checked whatever the level: a reserved key is a mistake in the script, not a matter of level.
            IReadOnlyList<KeyValuePair<string, object>> given = PropertyValues.From(properties);
            if (IsEnabled(level))
            {
                Emit(level, message, null, null, given);
            }
        }

        private void Emit(int level, string message, Exception exception, ErrorRecord errorRecord, IReadOnlyList<KeyValuePair<string, object>> given)
        {
            int line = CallingRunspace.CallSite(out string scriptPath, out string function);
            LogRecord record = RecordEmitter.Create(Name, line, scriptPath, function, Category, level, message ?? string.Empty, true,
                exception, errorRecord, PropertyValues.Merge(bound, given));
            string host = RecordEmitter.Write(record, output.Colors, out string notice);
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
