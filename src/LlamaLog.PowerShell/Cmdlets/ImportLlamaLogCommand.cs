using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using LlamaLog.Engine.Reading;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Reads log files of LlamaLog, Llama Stack and OGX into LogEntry objects, streaming. -Path takes wildcards,
    /// -LiteralPath does not; both take paths and FileInfo objects from the pipeline, as Get-Content does. A path
    /// that cannot be read is a non-terminating error, and the other paths are still read. The files a wildcard
    /// matches are read in the order of <see cref="RotatedSetOrder"/> (a rotated set oldest first). -Tail reads
    /// each file from its end; -Follow follows one file until the pipeline is stopped.
    /// </summary>
    [Cmdlet(VerbsData.Import, "LlamaLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(LogEntry))]
    public sealed class ImportLlamaLogCommand : LogReadingCommandBase, IDisposable
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly List<string> followed = new List<string>();
        private LogEntryFilter filter;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>Only the last this many entries (after the selection) of each file, read from its end.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Tail { get; set; }

        /// <summary>Goes on reading the file as it is written, across rotation and truncation, until stopped.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

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
                    if (Follow)
                    {
                        followed.Add(file);
                    }
                    else
                    {
                        ReadFile(file);
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            if (!Follow || followed.Count == 0)
            {
                return;
            }

            if (followed.Count > 1)
            {
                var many = new ArgumentException("-Follow follows one file, and the paths name " + followed.Count
                    + ": '" + string.Join("', '", followed) + "'. Read the others without -Follow first (Import-LlamaLog server.log.*), then follow the current file (Import-LlamaLog server.log -Follow).");
                ThrowTerminatingError(new ErrorRecord(many, "FollowOneFile", ErrorCategory.InvalidArgument, followed));
            }

            FollowFile(followed[0]);
        }

        protected override void StopProcessing()
        {
            stopping.Cancel();
        }

        public void Dispose()
        {
            stopping.Dispose();
        }

        private IEnumerable<string> Resolve(string path, bool literal)
        {
            try
            {
                if (literal || (Follow && !WildcardPattern.ContainsWildcardCharacters(path)))
                {
                    // A followed file need not exist yet: it is waited for, as tail -F does.
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

                return RotatedSetOrder.Order(resolved);
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
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Tail)))
                {
                    foreach (LogEntry entry in new LogTailReader(file, Format, filter).Read(Tail, false))
                    {
                        WriteObject(entry);
                    }

                    return;
                }

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

        private void FollowFile(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(new ErrorRecord(new IOException("'" + file + "' is a folder, not a log file."), "PathIsFolder", ErrorCategory.InvalidArgument, file));
                return;
            }

            try
            {
                long start = 0;
                long? linesBefore = 0;
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Tail)) && File.Exists(file))
                {
                    var tail = new LogTailReader(file, Format, filter);
                    foreach (LogEntry entry in tail.Read(Tail, true))
                    {
                        WriteObject(entry);
                    }

                    start = tail.End;
                    linesBefore = tail.LinesBeforeEnd;
                }
                else if (!File.Exists(file))
                {
                    WriteVerbose("'" + file + "' does not exist yet: waiting for it.");
                }

                var follower = new LogFileFollower(file, Format, filter);
                foreach (LogEntry entry in follower.Follow(start, linesBefore, stopping.Token))
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
