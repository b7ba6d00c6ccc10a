using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LlamaLog.Completion;
using LlamaLog.Emit;
using LlamaLog.Engine;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Cmdlets
{
    /// <summary>Writes a categorized message to the host and the log file, if its level passes the category's.</summary>
    /// <remarks>
    /// One parameter set, and no Mandatory or validation attribute on the parameters a hot loop passes: each
    /// set, mandatory parameter and validated argument is work PowerShell's binder repeats at every call, and a
    /// filtered-out call must cost about what Write-Verbose does. ProcessRecord makes the same checks instead,
    /// on the slow path only.
    /// </remarks>
    [Cmdlet(VerbsCommunications.Write, "LlamaLog")]
    [OutputType(typeof(void))]
    public sealed class WriteLlamaLogCommand : PSCmdlet
    {
        // The last script path and its logger name (one object, so readers on other threads see a matching pair).
        private static Tuple<string, string> lastScriptName;

        private LogLevel level = LogLevel.Info;
        private bool levelGiven;
        private bool messageGiven;
        private bool messageBound;
        private bool messageOnCommandLine;
        private bool errorRecordOnCommandLine;
        private string message;
        private ErrorRecord errorRecord;
        private bool errorRecordGiven;
        private string callerName;
        private ColorSystem? hostColors;

        [Parameter]
        [ArgumentCompleter(typeof(LogLevelCompleter))]
        [LogLevelTransformation]
        public LogLevel Level
        {
            get => level;
            set
            {
                level = value;
                levelGiven = true;
            }
        }

        [Parameter]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        public string Category { get; set; } = CategoryNames.Uncategorized;

        // AllowNull: a $null in piped text must bind somewhere rather than fail; it writes an empty message.
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string Message
        {
            get => message;
            set
            {
                message = value;
                messageGiven = true;
                messageBound = true;
            }
        }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        // Piped error records bind here; every other piped object binds as NotAnErrorRecord and is ignored.
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [PipedErrorRecordTransformation]
        public ErrorRecord ErrorRecord
        {
            get => errorRecord;
            set
            {
                errorRecord = value;
                errorRecordGiven = true;
            }
        }

        [Parameter]
        public Exception Exception { get; set; }

        [Parameter]
        public SwitchParameter NoMarkup { get; set; }

        // Not validated by an attribute: the binder would repeat the work at every call of a loop that never uses it.
        [Parameter]
        public IDictionary Property { get; set; }

        protected override void BeginProcessing()
        {
            // Command-line arguments are bound by now, pipeline input not yet.
            messageOnCommandLine = messageGiven;
            errorRecordOnCommandLine = errorRecordGiven;
            if (ReferenceEquals(errorRecord, PipedErrorRecordTransformationAttribute.NotAnErrorRecord))
            {
                Type given = PipedErrorRecordTransformationAttribute.LastRefusedType;
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-ErrorRecord takes an error record, such as $_ in a catch block or $Error[0]; it was given a "
                        + (given == null ? "value" : given.FullName) + ". Use -Exception for an exception and -Message for text."),
                    "ErrorRecordExpected", ErrorCategory.InvalidArgument, null));
            }
        }

        protected override void ProcessRecord()
        {
            try
            {
                Process();
            }
            finally
            {
                // Whether -Message was bound is known per piped object: the binder sets it again for each one.
                messageBound = messageOnCommandLine;
                PipedErrorRecordTransformationAttribute.ForgetRefused();
            }
        }

        private void Process()
        {
            ErrorRecord error = errorRecord;
            string given = message;
            if (ReferenceEquals(error, PipedErrorRecordTransformationAttribute.NotAnErrorRecord))
            {
                if (messageOnCommandLine)
                {
                    // The message is taken: a piped object that is not an error record has nowhere to go, as
                    // PowerShell's binder says of input it cannot bind.
                    Type piped = PipedErrorRecordTransformationAttribute.LastRefusedType;
                    WriteError(new ErrorRecord(
                        new ArgumentException("A piped " + (piped == null ? "object" : piped.FullName) + " cannot be logged when the message is given as an argument: pipe text without a message argument, or pipe error records."),
                        "PipedInputNotBound", ErrorCategory.InvalidArgument, null));
                    return;
                }

                // A piped object that is not an error record: it is the message. Text binds to Message too; an
                // array does not (the binder does not convert it without a second pass), so it is joined here as
                // PowerShell joins an array into a string ($OFS, a space by default), as Write-Host shows it.
                error = null;
                if (PipedErrorRecordTransformationAttribute.LastRefusedValue is LogEntry entry)
                {
                    Replay(entry);
                    return;
                }

                if (!messageBound)
                {
                    given = LanguagePrimitives.ConvertTo<string>(PipedErrorRecordTransformationAttribute.LastRefusedValue);
                    messageGiven = true;
                }
            }
            else if (error != null && !errorRecordOnCommandLine && !messageOnCommandLine)
            {
                // A piped error record binds to Message as text as well; its message comes from its exception.
                given = null;
            }

            if (!messageGiven && !errorRecordGiven && Exception == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Write-LlamaLog needs something to write: give -Message (or the first argument), -ErrorRecord or -Exception, or pipe strings or error records to it."),
                    "NothingToWrite", ErrorCategory.InvalidArgument, null));
            }

            if (error != null && Exception != null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("Give -ErrorRecord or -Exception, not both: an error record already carries its exception."),
                    "ErrorRecordAndException", ErrorCategory.InvalidArgument, Exception));
            }

            IReadOnlyList<KeyValuePair<string, object>> properties = null;
            if (Property != null)
            {
                try
                {
                    properties = PropertyValues.From(Property);
                }
                catch (ReservedPropertyException e)
                {
                    // Checked before the filter: a reserved key is a mistake in the script whatever the level.
                    ThrowTerminatingError(new ErrorRecord(e, "ReservedPropertyName", ErrorCategory.InvalidArgument, e.Key));
                }
            }

            Exception exception = error?.Exception ?? Exception;
            int value = levelGiven ? (int)level : (exception != null ? (int)LogLevel.Error : (int)LogLevel.Info);

            // The filter comes first: a filtered-out record costs one table read and nothing else.
            if (!LogEngine.IsEnabled(Category, value, out bool known))
            {
                if (!known && string.IsNullOrEmpty(Category))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException("The -Category argument is null or empty. Give a category, such as core or uncategorized (Get-LlamaLogLevel lists them)."),
                        "EmptyLogCategory", ErrorCategory.InvalidArgument, Category));
                }

                if (!known)
                {
                    WriteError(new ErrorRecord(
                        new ArgumentException(CategoryLevels.UnknownMessageCategoryText(Category)),
                        "UnknownLogCategory", ErrorCategory.InvalidArgument, Category));
                }

                return;
            }

            string text = given ?? exception?.Message ?? string.Empty;
            // The caller's function is not known to a cmdlet without a call-stack walk (microseconds): only its file is given.
            Emit(RecordEmitter.Create(Name ?? CallerName(), MyInvocation.ScriptLineNumber, MyInvocation.ScriptName, null, Category, value, text, !NoMarkup,
                exception, error, properties));
        }

        /// <summary>
        /// Writes a record read back by Import-LlamaLog again, with its own time, level, category, name, line and
        /// properties, to every output; -Level, -Category and -Name given on the command line win.
        /// </summary>
        private void Replay(LogEntry entry)
        {
            bool given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
            int value = given(nameof(Level)) ? (int)level : LogEntryReplay.LevelOf(entry);
            string category = given(nameof(Category)) ? Category : LogEntryReplay.CategoryOf(entry);
            string registered;
            try
            {
                registered = LogEntryReplay.RegisterIfUnknown(category);
            }
            catch (ArgumentException e)
            {
                WriteError(new ErrorRecord(new ArgumentException("The entry's category '" + category + "' cannot be a LlamaLog category, so the entry was not written: " + e.Message, e),
                    "InvalidReplayCategory", ErrorCategory.InvalidData, entry));
                return;
            }

            if (registered != null)
            {
                WriteWarning("Registered the category '" + registered + "' to write the entries that have it, as Register-LlamaLogCategory does.");
            }

            if (!LogEngine.IsEnabled(category, value, out _))
            {
                return;
            }

            IReadOnlyList<KeyValuePair<string, object>> properties;
            try
            {
                properties = PropertyValues.Merge(PropertyValues.From(entry.Properties), PropertyValues.From(Property));
            }
            catch (ReservedPropertyException e)
            {
                WriteError(new ErrorRecord(e, "ReservedPropertyName", ErrorCategory.InvalidData, entry));
                return;
            }

            string name = given(nameof(Name)) ? Name : (entry.Name ?? CallerName());
            Emit(LogEntryReplay.Create(entry, name, value, category, properties));
        }

        private void Emit(LogRecord record)
        {
            ColorSystem colors = LogEngine.Settings.Console == ConsoleTarget.Host ? HostColors() : ColorSystem.None;
            string host = RecordEmitter.Write(record, colors, out string notice);
            if (notice != null)
            {
                WriteWarning(notice);
            }

            if (host != null)
            {
                WriteHostText(host, record);
            }
        }

        private void WriteHostText(string text, LogRecord record)
        {
            // What Write-Host does: an information record tagged PSHOST, which the host displays and 6> captures.
            var message = new HostInformationMessage { Message = text };
            var information = new InformationRecord(message, CallerName());
            information.Tags.Add("PSHOST");
            information.Tags.Add("LlamaLog");
            information.Tags.Add(record.Category);
            information.Tags.Add(LevelNames.ToPythonName(record.Level));
            WriteInformation(information);
        }

        private string CallerName()
        {
            if (callerName == null)
            {
                string script = MyInvocation.ScriptName;
                if (string.IsNullOrEmpty(script))
                {
                    callerName = "pwsh";
                }
                else
                {
                    // Each call is a new cmdlet object; a loop calls from one script, so remember its name.
                    Tuple<string, string> last = lastScriptName;
                    if (last == null || !string.Equals(last.Item1, script, StringComparison.Ordinal))
                    {
                        last = Tuple.Create(script, Path.GetFileNameWithoutExtension(script));
                        lastScriptName = last;
                    }

                    callerName = last.Item2;
                }
            }

            return callerName;
        }

        private ColorSystem HostColors()
        {
            if (hostColors == null)
            {
                hostColors = HostOutputRendering.TakesEscapes(Host?.UI, SessionState) ? LogEngine.Settings.TerminalColors : ColorSystem.None;
            }

            return hostColors.Value;
        }
    }
}
