using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine;
using LlamaLog.Engine.Otlp;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Cmdlets
{
    /// <summary>Sets up logging as the seed's setup_logging does: levels, log file, width, console target.</summary>
    [Cmdlet(VerbsData.Initialize, "LlamaLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(LogSettings))]
    public sealed class InitializeLlamaLogCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public IDictionary CategoryLevel { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LogFile { get; set; }

        [Parameter]
        [ConsoleWidthTransformation]
        public int Width { get; set; }

        [Parameter]
        public ConsoleTarget Console { get; set; } = ConsoleTarget.Host;

        [Parameter]
        public FileFormat FileFormat { get; set; }

        [Parameter]
        public ConsoleFormat ConsoleFormat { get; set; }

        /// <summary>Export every record to this OTLP receiver (a base URL, as OTEL_EXPORTER_OTLP_ENDPOINT).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OtlpEndpoint { get; set; }

        [Parameter]
        public OtlpProtocol OtlpProtocol { get; set; }

        [Parameter]
        [ValidateNotNull]
        public IDictionary OtlpHeader { get; set; }

        /// <summary>A folder where batches the receiver did not take wait to be sent again (the SDK's disk retry).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OtlpRetryPath { get; set; }

        /// <summary>The W3C traceparent records carry when no activity is current.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TraceParent { get; set; }

        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxSize { get; set; }

        [Parameter]
        [ValidateRange(0, 1000000)]
        public int MaxFiles { get; set; }

        [Parameter]
        public RollInterval RollInterval { get; set; }

        [Parameter]
        public SwitchParameter Compress { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            IList<KeyValuePair<string, int>> levels = CategoryLevel == null ? null : ValidateLevels(CategoryLevel);
            string logFile = null;
            if (LogFile != null)
            {
                try
                {
                    logFile = FileSystemPath.Resolve(SessionState, LogFile);
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(FileSystemPath.NotAFileSystemPath(e, LogFile));
                }
            }

            string retryPath = null;
            if (OtlpRetryPath != null)
            {
                try
                {
                    retryPath = FileSystemPath.Resolve(SessionState, OtlpRetryPath);
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(FileSystemPath.NotAFileSystemPath(e, OtlpRetryPath));
                }
            }

            if (!ShouldProcess("LlamaLog", "Reset levels to the default and apply the new logging setup"))
            {
                return;
            }

            var warnings = new List<string>();
            LogSettings settings;
            try
            {
                var request = new LogSetupRequest
                {
                    Levels = levels,
                    LogFile = logFile,
                    Width = Given(nameof(Width)) ? Width : (int?)null,
                    Console = Console,
                    FileFormat = Given(nameof(FileFormat)) ? FileFormat : (FileFormat?)null,
                    ConsoleFormat = Given(nameof(ConsoleFormat)) ? ConsoleFormat : (ConsoleFormat?)null,
                    MaxSize = Given(nameof(MaxSize)) ? MaxSize : (long?)null,
                    MaxFiles = Given(nameof(MaxFiles)) ? MaxFiles : (int?)null,
                    RollInterval = Given(nameof(RollInterval)) ? RollInterval : (RollInterval?)null,
                    Compress = Compress,
                    FailOnFileError = true,
                    ResolvePath = path => FileSystemPath.Resolve(SessionState, path),
                    Otlp = new OtlpParameters
                    {
                        Endpoint = OtlpEndpoint,
                        Protocol = Given(nameof(OtlpProtocol)) ? OtlpProtocol : (OtlpProtocol?)null,
                        Headers = OtlpHeader,
                        RetryPath = retryPath,
                    },
                    TraceParent = TraceParent,
                };
                settings = LogSetup.Initialize(request, warnings);
            }
            catch (LogFileException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "LogFileUnavailable", ErrorCategory.OpenError, e.FilePath));
                return;
            }
            catch (OtlpSetupException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId,
                    e.ErrorId == OtlpSetupException.ExporterUnavailable ? ErrorCategory.ConnectionError : ErrorCategory.InvalidArgument, e.Value));
                return;
            }

            foreach (string warning in warnings)
            {
                WriteWarning(warning);
            }

            if (PassThru)
            {
                WriteObject(settings);
            }
        }

        private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        // Every entry is checked before anything changes: a bad table changes no level.
        private IList<KeyValuePair<string, int>> ValidateLevels(IDictionary table)
        {
            var levels = new List<KeyValuePair<string, int>>();
            foreach (DictionaryEntry entry in table)
            {
                string category = LanguagePrimitives.ConvertTo<string>(entry.Key);
                if (category != CategoryNames.All && CategoryLevels.GetSlot(category) == null)
                {
                    ThrowTerminatingError(CmdletErrors.UnknownCategory(category));
                }

                object raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (!LevelNames.TryConvert(raw, out int value))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException("The level '" + WholeNumber.Show(raw) + "' for category '" + category + "' is not a log level. " + LevelNames.DescribeAccepted()),
                        "InvalidLogLevel", ErrorCategory.InvalidArgument, raw));
                }

                levels.Add(new KeyValuePair<string, int>(category, value));
            }

            if (!(table is System.Collections.Specialized.IOrderedDictionary))
            {
                // A plain hashtable has no order: 'all' first, so the categories named beside it keep their levels.
                levels.Sort((a, b) => (b.Key == CategoryNames.All).CompareTo(a.Key == CategoryNames.All));
            }

            return levels;
        }
    }
}
