using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLog.Engine.Sinks
{
    /// <summary>
    /// The log file: kept open, one append per record, reopened when the file is rotated or deleted, and
    /// riding out faults (an unwritable folder, a full disk) by holding records until writing works again.
    /// With a <see cref="RollingPolicy"/> it rotates the file itself, by size or time, together with the other
    /// writers of the path (<see cref="FileRotation"/>).
    /// Safe for concurrent use: one lock per sink, held only for the write itself; records are formatted before it.
    /// </summary>
    public sealed class FileSink : ILogSink
    {
        /// <summary>How much is held while the file cannot be written; beyond it the oldest records go.</summary>
        public const int MaxPendingRecords = 10000;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        [ThreadStatic]
        private static StringBuilder recordBuilder;

        private readonly object gate = new object();
        private readonly IRecordFormatter formatter;
        private readonly FileRotation rotation;
        private HeldRecords held;
        private AppendOnlyFile file;
        private byte[] buffer = new byte[4096];
        private char[] chars = new char[1024];
        private bool disposed;

        /// <summary>
        /// Opens the file, creating it and its missing parent folders; throws when it cannot. Records held for this
        /// path by an earlier sink that was closed before it could write them are taken over and written first.
        /// </summary>
        public FileSink(string path, IRecordFormatter formatter)
            : this(path, formatter, null)
        {
        }

        /// <summary>A sink that rotates the file as <paramref name="policy"/> says (null or <see cref="RollingPolicy.None"/>: never).</summary>
        public FileSink(string path, IRecordFormatter formatter, RollingPolicy policy)
        {
            Path = System.IO.Path.GetFullPath(path);
            this.formatter = formatter ?? TextLineFormatter.Instance;
            Policy = policy ?? RollingPolicy.None;
            file = OpenFile(Path);
            if (Policy.Rotates)
            {
                try
                {
                    rotation = new FileRotation(Path, Policy, () => OpenFile(Path));
                    rotation.Opened(file);
                }
                catch
                {
                    // A sink that fails here is never used, so nothing else would close its file.
                    CloseFile();
                    rotation?.Dispose();
                    throw;
                }
            }

            held = HeldRecords.TakeParked(Path);
        }

        public string Path { get; }

        /// <summary>The formatter of the records this sink writes.</summary>
        public IRecordFormatter Formatter => formatter;

        /// <summary>When the file is rotated, and how many rotated files are kept.</summary>
        public RollingPolicy Policy { get; }

        public string Name => "the log file '" + Path + "'";

        /// <summary>Whether the sink was closed.</summary>
        public bool IsDisposed
        {
            get
            {
                lock (gate)
                {
                    return disposed;
                }
            }
        }

        /// <summary>How many records are held, waiting for the file to be writable.</summary>
        public int HeldCount
        {
            get
            {
                lock (gate)
                {
                    return held == null ? 0 : held.Count;
                }
            }
        }

        public string Emit(LogRecord record)
        {
            StringBuilder text = recordBuilder ?? (recordBuilder = new StringBuilder(256));
            text.Clear();
            formatter.Format(record, text);
            string notice = Write(null, text);
            if (text.Capacity > 1 << 16)
            {
                // A huge record must not keep its buffer alive on this thread.
                recordBuilder = null;
            }

            return notice;
        }

        /// <summary>Appends text that is already whole lines (a record, its line end included), as a record is.</summary>
        public string Write(string text)
        {
            return Write(text, null);
        }

        public void Flush(TimeSpan timeout)
        {
            lock (gate)
            {
                if (!disposed && held != null && file != null)
                {
                    TryFlushHeld();
                }
            }

            if (Policy.Compress)
            {
                RotatedFileCompressor.WaitIdle(timeout);
            }
        }

        /// <summary>
        /// Closes the file. Records still held are parked for the path, so the next sink that opens it writes them
        /// first: a switch of files never drops them silently.
        /// </summary>
        public void Dispose()
        {
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                if (held != null && file == null)
                {
                    TryReopen();
                }

                if (held != null && file != null)
                {
                    TryFlushHeld();
                }

                if (held != null)
                {
                    HeldRecords.Park(Path, held);
                    held = null;
                }

                CloseFile();
                rotation?.Dispose();
            }
        }

        internal static bool IsFileFault(Exception e)
        {
            return e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException;
        }

        private string Write(string text, StringBuilder builder)
        {
            lock (gate)
            {
                if (disposed)
                {
                    // A writer that took this sink just before a new setup retired it: the engine waits for such
                    // writers before closing, so this is only reached by a caller holding the sink directly.
                    return WriteAfterClose(text ?? builder.ToString());
                }

                string notice = null;
                if (file == null && !TryReopen())
                {
                    Hold(text ?? builder.ToString());
                    return null;
                }

                if (held != null)
                {
                    int count = held.Count;
                    long dropped = held.Dropped;
                    if (!TryFlushHeld())
                    {
                        Hold(text ?? builder.ToString());
                        return null;
                    }

                    notice = DescribeRecovery(count, dropped);
                }

                try
                {
                    if (!file.StillAtPath())
                    {
                        // Rotated or deleted: the next record starts a new file at the configured path.
                        CloseFile();
                        file = OpenFile(Path);
                        rotation?.Opened(file);
                    }

                    AppendLocked(text, builder);
                    return notice;
                }
                catch (Exception e) when (IsFileFault(e))
                {
                    CloseFile();
                    Hold(text ?? builder.ToString());
                    return "Cannot write to the log file '" + Path + "': " + e.Message + " Host logging goes on; records are held and written when the file can be written again.";
                }
            }
        }

        private string WriteAfterClose(string text)
        {
            try
            {
                using (AppendOnlyFile once = OpenFile(Path))
                {
                    byte[] bytes = Utf8.GetBytes(text);
                    once.Append(bytes, bytes.Length);
                }

                return null;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                var late = new HeldRecords();
                late.Add(text);
                HeldRecords.Park(Path, late);
                return "Cannot write to the log file '" + Path + "': " + e.Message + " The record is held and written when this file is logged to again.";
            }
        }

        private static AppendOnlyFile OpenFile(string path)
        {
            string folder = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }

            return AppendOnlyFile.Open(path);
        }

        private void AppendLocked(string text, StringBuilder builder)
        {
            int length = text?.Length ?? builder.Length;
            int needed = Utf8.GetMaxByteCount(length);
            if (needed > buffer.Length)
            {
                buffer = new byte[Math.Max(needed, buffer.Length * 2)];
            }

            int count;
            if (text != null)
            {
                count = Utf8.GetBytes(text, 0, length, buffer, 0);
            }
            else
            {
                if (length > chars.Length)
                {
                    chars = new char[Math.Max(length, chars.Length * 2)];
                }

                builder.CopyTo(0, chars, 0, length);
                count = Utf8.GetBytes(chars, 0, length, buffer, 0);
            }

            if (rotation != null)
            {
                // Never splits a record: it goes whole to the current file or whole to the new one.
                if (rotation.IsDue(file, count))
                {
                    rotation.Rotate(ref file, count);
                }

                file.Append(buffer, count);
                rotation.Appended(count);
            }
            else
            {
                file.Append(buffer, count);
            }

            if (buffer.Length > 1 << 20 || chars.Length > 1 << 18)
            {
                // A huge record should not pin huge buffers for the life of the process.
                buffer = new byte[4096];
                chars = new char[1024];
            }
        }

        private bool TryReopen()
        {
            try
            {
                file = OpenFile(Path);
                rotation?.Opened(file);
                return true;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                CloseFile();
                return false;
            }
        }

        // Writes the held records, oldest first, after a line that says how many older ones were dropped, if any.
        private bool TryFlushHeld()
        {
            try
            {
                if (held.Dropped > 0)
                {
                    var notice = new LogRecord(DateTime.Now, "LlamaLog", 0, Levels.CategoryNames.Uncategorized, 30,
                        held.Dropped.ToString(CultureInfo.InvariantCulture) + " records were dropped while '" + Path
                        + "' could not be written (at most " + MaxPendingRecords.ToString(CultureInfo.InvariantCulture) + " are held).", false);
                    var line = new StringBuilder(160);
                    formatter.Format(notice, line);
                    AppendLocked(null, line);
                    held.Dropped = 0;
                }

                while (held.Count > 0)
                {
                    AppendLocked(held.Peek(), null);
                    held.Dequeue();
                }

                held = null;
                return true;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                CloseFile();
                return false;
            }
        }

        private void CloseFile()
        {
            try
            {
                file?.Dispose();
            }
            catch (Exception e) when (IsFileFault(e))
            {
                // Closing a broken handle may fail too; the sink is faulted either way.
            }

            file = null;
        }

        private void Hold(string text)
        {
            if (held == null)
            {
                held = new HeldRecords();
            }

            held.Add(text);
        }

        private string DescribeRecovery(int count, long dropped)
        {
            string text = "Logging to '" + Path + "' resumed: " + count.ToString(CultureInfo.InvariantCulture)
                + (count == 1 ? " held record was" : " held records were") + " written late";
            if (dropped > 0)
            {
                text += ", after " + dropped.ToString(CultureInfo.InvariantCulture) + (dropped == 1 ? " older record that was" : " older records that were")
                    + " dropped because at most " + MaxPendingRecords.ToString(CultureInfo.InvariantCulture) + " are held (the file says so too)";
            }

            return text + ".";
        }
    }
}
