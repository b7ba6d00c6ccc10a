// Compiled with EngineLoops.cs into the Bench's support assembly (optimized, unsafe): the floor scenarios. Each
// cmdlet here takes exactly Write-LlamaLog's parameters (names, types, attributes, one parameter set; Write-FloorNpr
// all but -Property, to measure what that one costs) and does only
// the part of a record's work that no implementation can skip, so the Bench shows how much of a Write-LlamaLog
// scenario is PowerShell's binding and the kernel, and how much is LlamaLog's own. Their names are as long as
// "Write-LlamaLog": PowerShell's per-call work grows with the command name's length.
using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using LlamaLog;
using LlamaLog.Cmdlets;
using LlamaLog.Completion;
using LlamaLog.Engine.Levels;

namespace LlamaLogBench
{
    /// <summary>Write-LlamaLog's parameter declarations, copied: the binder's work per call depends on them.</summary>
    public abstract class FloorCommandBase : PSCmdlet
    {
        [Parameter]
        [ArgumentCompleter(typeof(LogLevelCompleter))]
        [LogLevelTransformation]
        public LogLevel Level { get; set; } = LogLevel.Info;

        [Parameter]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        public string Category { get; set; } = CategoryNames.Uncategorized;

        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string Message { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [PipedErrorRecordTransformation]
        public ErrorRecord ErrorRecord { get; set; }

        [Parameter]
        public Exception Exception { get; set; }

        [Parameter]
        public SwitchParameter NoMarkup { get; set; }

        [Parameter]
        public System.Collections.IDictionary Property { get; set; }
    }

    /// <summary>Binding alone: the floor of a filtered-out Write-LlamaLog call.</summary>
    [Cmdlet(VerbsCommunications.Write, "FloorNop")]
    [OutputType(typeof(void))]
    public sealed class WriteFloorNopCommand : FloorCommandBase
    {
        protected override void ProcessRecord()
        {
        }
    }

    /// <summary>
    /// Binding alone, for Write-LlamaLog's parameters minus -Property: next to Write-FloorNop, in one process, what
    /// declaring -Property costs a call that does not use it ("Npr": Nop without -Property; a name as long, since
    /// PowerShell's per-call work grows with the name's length, and not Write-FloorNoP, which is Write-FloorNop to
    /// PowerShell).
    /// </summary>
    /// <remarks>
    /// The declarations are FloorCommandBase's, copied rather than inherited: PowerShell lists a derived class's
    /// parameters first, and the parameters' order is part of what the binder walks (a test keeps both in order).
    /// </remarks>
    [Cmdlet(VerbsCommunications.Write, "FloorNpr")]
    [OutputType(typeof(void))]
    public sealed class WriteFloorNprCommand : PSCmdlet
    {
        [Parameter]
        [ArgumentCompleter(typeof(LogLevelCompleter))]
        [LogLevelTransformation]
        public LogLevel Level { get; set; } = LogLevel.Info;

        [Parameter]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        public string Category { get; set; } = CategoryNames.Uncategorized;

        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string Message { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [PipedErrorRecordTransformation]
        public ErrorRecord ErrorRecord { get; set; }

        [Parameter]
        public Exception Exception { get; set; }

        [Parameter]
        public SwitchParameter NoMarkup { get; set; }

        protected override void ProcessRecord()
        {
        }
    }

    /// <summary>
    /// Binding, then the two system calls a record costs on Linux: ask the rotation watch (one ioctl) and append the
    /// message as a line (one write). No time, no name, no formatting: the floor of a file-only Write-LlamaLog.
    /// </summary>
    [Cmdlet(VerbsCommunications.Write, "FloorSys")]
    [OutputType(typeof(void))]
    public sealed class WriteFloorSysCommand : FloorCommandBase
    {
        protected override void ProcessRecord()
        {
            SyscallFloor.Current.Append(Message);
        }
    }

    /// <summary>
    /// The file floor, then what Write-Host does with a line (an information record tagged PSHOST): the floor of a
    /// host + file Write-LlamaLog, with no rendering (the line goes to the host as plain text).
    /// </summary>
    [Cmdlet(VerbsCommunications.Write, "FloorHst")]
    [OutputType(typeof(void))]
    public sealed class WriteFloorHstCommand : FloorCommandBase
    {
        protected override void ProcessRecord()
        {
            SyscallFloor.Current.Append(Message);
            var information = new InformationRecord(new HostInformationMessage { Message = Message }, "bench");
            information.Tags.Add("PSHOST");
            WriteInformation(information);
        }
    }

    /// <summary>
    /// The floor of a logger call writing a JSON file: an object with a logger's level methods (the same overloads,
    /// so PowerShell's method binder does the same work), whose Info does the two system calls of the file sink
    /// (<see cref="SyscallFloor.Append"/>) with a line as long as the record's JSON line (a write's cost grows with
    /// its length: ~0.1 µs from 8 to 130 bytes here), and nothing else: no time, no level check, no formatting, no
    /// call site. The line is one fixed JSON record with the message in it.
    /// </summary>
    public sealed class LoggerFloor : IDisposable
    {
        private const string Before = "{\"category\": \"core\", \"event\": \"";
        private const string After = "\", \"level\": \"info\", \"logger\": \"bench\", \"timestamp\": \"2026-12-05T01:02:03.456789Z\", \"lineno\": 1}";
        private readonly SyscallFloor floor;

        private LoggerFloor(SyscallFloor floor)
        {
            this.floor = floor;
        }

        public static LoggerFloor Open(string path) => new LoggerFloor(SyscallFloor.Open(path));

        public void Debug(string message) => floor.Append(message);

        public void Debug(string message, System.Collections.IDictionary properties) => floor.Append(message);

        public void Info(string message) => floor.Append(Before + message + After);

        public void Info(string message, System.Collections.IDictionary properties) => floor.Append(message);

        public void Warning(string message) => floor.Append(message);

        public void Warning(string message, System.Collections.IDictionary properties) => floor.Append(message);

        public void Dispose() => floor.Dispose();
    }

    /// <summary>
    /// An O_APPEND log file and an inotify watch on it and on every folder above it, as the module's Linux file
    /// sink keeps them; Append does per line what the sink does per record in the kernel, and nothing more.
    /// </summary>
    public sealed class SyscallFloor : IDisposable
    {
        private const int OWriteOnly = 0x1, OCreate = 0x40, OAppend = 0x400, OCloseOnExec = 0x80000;
        private const int InNonBlock = 0x800, InCloseOnExec = 0x80000;
        private const uint InAttrib = 0x4, InDeleteSelf = 0x400, InMoveSelf = 0x800;
        private const ulong FIONREAD = 0x541B;

        private readonly int file;
        private readonly int watch;
        private readonly byte[] buffer = new byte[4096];

        private SyscallFloor(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                throw new PlatformNotSupportedException("The syscall floor is the Linux file sink's: open, inotify, ioctl, write.");
            }

            string full = Path.GetFullPath(path);
            byte[] native = Encoding.UTF8.GetBytes(full + "\0");
            file = open(native, OWriteOnly | OCreate | OAppend | OCloseOnExec, Convert.ToInt32("644", 8));
            watch = inotify_init1(InNonBlock | InCloseOnExec);
            if (file < 0 || watch < 0 || inotify_add_watch(watch, native, InMoveSelf | InAttrib | InDeleteSelf) < 0)
            {
                throw new IOException("Cannot open " + full + " with a watch (errno " + Marshal.GetLastWin32Error() + ").");
            }

            for (string folder = Path.GetDirectoryName(full); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            {
                inotify_add_watch(watch, Encoding.UTF8.GetBytes(folder + "\0"), InMoveSelf | InDeleteSelf);
            }
        }

        /// <summary>The floor Write-FloorSys and Write-FloorHst write to (one per Bench process).</summary>
        public static SyscallFloor Current { get; private set; }

        public static SyscallFloor Open(string path)
        {
            Current?.Dispose();
            Current = new SyscallFloor(path);
            return Current;
        }

        /// <summary>
        /// Asks the watch (one ioctl, as the sink does at every record) and appends the message as a line (one
        /// write). Returns the bytes of events queued on the watch: a floor does not act on them, a test can see them.
        /// </summary>
        public unsafe int Append(string message)
        {
            int queued;
            ioctl(watch, FIONREAD, &queued);
            string text = message ?? string.Empty;
            int length = Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, 0);
            buffer[length++] = (byte)'\n';
            fixed (byte* bytes = buffer)
            {
                write(file, bytes, (IntPtr)length);
            }

            return queued;
        }

        public void Dispose()
        {
            close(file);
            close(watch);
            if (ReferenceEquals(Current, this))
            {
                Current = null;
            }
        }

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int open(byte[] path, int flags, int mode);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_init1(int flags);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_add_watch(int fd, byte[] path, uint mask);

        // The sink's own declarations (LinuxLibc), so the floor pays the same marshalling.
        [DllImport("libc.so.6")]
        private static extern unsafe int ioctl(int fd, ulong request, int* result);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern unsafe IntPtr write(int fd, byte* buffer, IntPtr count);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int close(int fd);
    }
}
