using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Engine.Reading;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Reads log lines from the pipeline (<c>docker logs llama 2&gt;&amp;1 | ConvertFrom-LlamaLog</c>,
    /// <c>Get-Content x.log | ConvertFrom-LlamaLog</c>) into LogEntry objects. A string holding line breaks is
    /// read as its lines. The last record is written when the input ends.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "LlamaLog")]
    [OutputType(typeof(LogEntry))]
    public sealed class ConvertFromLlamaLogCommand : LogReadingCommandBase
    {
        private readonly List<LogEntry> output = new List<LogEntry>(2);
        private LogRecordReader reader;
        private LogEntryFilter filter;

        /// <summary>Lines of a log. Anything else is read as its string form (an ErrorRecord of 2&gt;&amp;1 as its text).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] InputObject { get; set; }

        protected override void BeginProcessing()
        {
            reader = new LogRecordReader(Format, null);
            filter = CreateFilter();
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null)
            {
                return;
            }

            foreach (string text in InputObject)
            {
                if (text == null)
                {
                    continue;
                }

                if (text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0)
                {
                    reader.Add(text, output);
                }
                else
                {
                    foreach (string line in text.Replace("\r\n", "\n").Split('\n', '\r'))
                    {
                        reader.Add(line, output);
                    }
                }

                WriteOutput();
            }
        }

        protected override void EndProcessing()
        {
            reader.Complete(output);
            WriteOutput();
        }

        private void WriteOutput()
        {
            foreach (LogEntry entry in output)
            {
                if (filter == null || filter.Accepts(entry))
                {
                    WriteObject(entry);
                }
            }

            output.Clear();
        }
    }
}
