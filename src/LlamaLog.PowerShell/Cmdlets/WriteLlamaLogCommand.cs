using System;
using System.IO;
using System.Management.Automation;
using LlamaLog.Completion;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Output;

namespace LlamaLog.Cmdlets
{
    /// <summary>Writes a categorized message to the host and the log file, if its level passes the category's.</summary>
    [Cmdlet(VerbsCommunications.Write, "LlamaLog", DefaultParameterSetName = MessageSet)]
    [OutputType(typeof(void))]
    public sealed class WriteLlamaLogCommand : PSCmdlet
    {
        private const string MessageSet = "Message";
        private const string ErrorRecordSet = "ErrorRecord";
        private const string ExceptionSet = "Exception";

        private LogLevel level = LogLevel.Info;
        private bool levelGiven;
        private string callerName;
        private ColorSystem? hostColors;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = MessageSet)]
        [Parameter(Position = 0, ParameterSetName = ErrorRecordSet)]
        [Parameter(Position = 0, ParameterSetName = ExceptionSet)]
        [AllowEmptyString]
        [AllowNull]
        public string Message { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; } = CategoryNames.Uncategorized;

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
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        // AllowNull: a $null in piped text must bind somewhere rather than fail; it writes an empty message.
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ErrorRecordSet)]
        [AllowNull]
        public ErrorRecord ErrorRecord { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ExceptionSet)]
        public Exception Exception { get; set; }

        [Parameter]
        public SwitchParameter NoMarkup { get; set; }

        protected override void ProcessRecord()
        {
            Exception exception = ErrorRecord?.Exception ?? Exception;
            int value = levelGiven ? (int)level : (exception != null ? (int)LogLevel.Error : (int)LogLevel.Info);

            // The filter comes first: a filtered-out record costs one table read and nothing else.
            if (!LogEngine.IsEnabled(Category, value, out bool known))
            {
                if (!known)
                {
                    WriteError(new ErrorRecord(
                        new ArgumentException(CategoryLevels.UnknownMessageCategoryText(Category)),
                        "UnknownLogCategory", ErrorCategory.InvalidArgument, Category));
                }

                return;
            }

            string message = Message ?? exception?.Message ?? string.Empty;
            ExceptionDetails details = exception == null
                ? null
                : ExceptionDetails.From(exception, ScriptStackTraceOf(ErrorRecord, exception));
            var record = new LogRecord(DateTime.Now, Name ?? CallerName(), MyInvocation.ScriptLineNumber, Category, value, message, !NoMarkup, details);

            ColorSystem colors = LogEngine.Settings.Console == ConsoleTarget.Host ? HostColors() : ColorSystem.None;
            string host = LogEngine.Write(record, colors, out string notice);
            if (notice != null)
            {
                WriteWarning(notice);
            }

            if (host != null)
            {
                WriteHostText(host, record);
            }
        }

        /// <summary>The script stack trace of the error record, or of the record an exception carries (a job's failure).</summary>
        internal static string ScriptStackTraceOf(ErrorRecord record, Exception exception)
        {
            return record?.ScriptStackTrace ?? (exception as IContainsErrorRecord)?.ErrorRecord?.ScriptStackTrace;
        }

        private void WriteHostText(string text, LogRecord record)
        {
            // What Write-Host does: an information record tagged PSHOST, which the host displays and 6> captures.
            var message = new HostInformationMessage { Message = text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text };
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
                callerName = string.IsNullOrEmpty(script) ? "pwsh" : Path.GetFileNameWithoutExtension(script);
            }

            return callerName;
        }

        private ColorSystem HostColors()
        {
            if (hostColors == null)
            {
                bool vt = Host?.UI != null && Host.UI.SupportsVirtualTerminal;
                hostColors = TerminalColors.ForHost(vt, HostOutputRendering.Read(SessionState), LogEngine.Settings);
            }

            return hostColors.Value;
        }
    }
}
