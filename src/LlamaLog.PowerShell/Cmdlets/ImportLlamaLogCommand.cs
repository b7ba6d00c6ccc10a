using System;
using System.IO;
using System.Management.Automation;
using LlamaLog.Engine.Reading;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Reads log files of LlamaLog, Llama Stack and OGX into LogEntry objects, streaming. -Path takes wildcards,
    /// -LiteralPath does not; both take paths and FileInfo objects from the pipeline, as Get-Content does. A path
    /// that cannot be read is a non-terminating error, and the other paths are still read.
    /// </summary>
    [Cmdlet(VerbsData.Import, "LlamaLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(LogEntry))]
    public sealed class ImportLlamaLogCommand : LogReadingCommandBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private LogEntryFilter filter;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        protected override void BeginProcessing()
        {
            filter = CreateFilter();
        }

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (string path in literal ? LiteralPath : Path)
            {
                foreach (string file in Resolve(path, literal))
                {
                    ReadFile(file);
                }
            }
        }

        private System.Collections.Generic.IEnumerable<string> Resolve(string path, bool literal)
        {
            try
            {
                if (literal)
                {
                    return new[] { FileSystemPath.Resolve(SessionState, path) };
                }

                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                if (!string.Equals(provider?.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("'" + path + "' is a path of the " + provider?.Name + " provider, not a file system path.");
                }

                if (resolved.Count == 0)
                {
                    // A wildcard that matches nothing, reported as Get-Content reports it.
                    var missing = new ItemNotFoundException("Cannot find path '" + path + "' because it does not exist.");
                    WriteError(new ErrorRecord(missing, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }

                return resolved;
            }
            catch (ArgumentException error)
            {
                WriteError(FileSystemPath.NotAFileSystemPath(error, path));
            }
            catch (ItemNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "PathNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (System.Management.Automation.DriveNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "PathNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (ProviderNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
            }

            return new string[0];
        }

        private void ReadFile(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(new ErrorRecord(new IOException("'" + file + "' is a folder, not a log file."), "PathIsFolder", ErrorCategory.InvalidArgument, file));
                return;
            }

            if (!File.Exists(file))
            {
                var missing = new ItemNotFoundException("Cannot find the log file '" + file + "' because it does not exist.");
                WriteError(new ErrorRecord(missing, "PathNotFound", ErrorCategory.ObjectNotFound, file));
                return;
            }

            try
            {
                foreach (LogEntry entry in LogFileReader.Read(file, Format, filter))
                {
                    WriteObject(entry);
                }
            }
            catch (BinaryLogFileException error)
            {
                WriteError(new ErrorRecord(error, "BinaryFile", ErrorCategory.InvalidData, file));
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(error, "LogFileUnreadable", ErrorCategory.ReadError, file));
            }
        }
    }
}
