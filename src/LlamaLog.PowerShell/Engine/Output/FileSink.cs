using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// The log file: kept open, one append per record, reopened when the file is rotated or deleted, and
    /// riding out faults (an unwritable folder, a full disk) by holding records until writing works again.
    /// Safe for concurrent use: one lock per sink, held only for the write itself.
    /// </summary>
    public sealed class FileSink : IDisposable
    {
        /// <summary>How much is held while the file cannot be written; beyond it the oldest records go.</summary>
        public const int MaxPendingRecords = 10000;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private readonly object gate = new object();
        private readonly Queue<string> pending = new Queue<string>();
        private AppendOnlyFile file;
        private byte[] buffer = new byte[4096];
        private char[] chars = new char[1024];
        private long dropped;
        private bool disposed;

        /// <summary>Opens the file, creating it and its missing parent folders; throws when it cannot.</summary>
        public FileSink(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            file = OpenFile(Path);
        }

        public string Path { get; }

        /// <summary>Whether the sink was closed (it then drops what it is given).</summary>
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

        /// <summary>
        /// Appends text (one record, its newline included). Returns a message for the user when the sink
        /// changes state: the first failure of a fault, or the recovery; null otherwise.
        /// </summary>
        public string Write(string text)
        {
            return Write(text, null);
        }

        /// <summary>
        /// Appends the text of a builder (one record, its newline included), as <see cref="Write(string)"/>;
        /// no string is made unless the record has to be held.
        /// </summary>
        public string Write(StringBuilder text)
        {
            return Write(null, text);
        }

        private string Write(string text, StringBuilder builder)
        {
            lock (gate)
            {
                if (disposed)
                {
                    return null;
                }

                string notice = null;
                if (file == null)
                {
                    if (!TryReopen(out _))
                    {
                        Hold(text ?? builder.ToString());
                        return null;
                    }

                    notice = "Logging to '" + Path + "' resumed; " + Describe(pending.Count, dropped) + " written late.";
                    if (!TryFlushPending(out string failure))
                    {
                        Hold(text ?? builder.ToString());
                        return failure;
                    }
                }

                try
                {
                    if (!file.StillAtPath())
                    {
                        // Rotated or deleted: the next record starts a new file at the configured path.
                        file.Dispose();
                        file = null;
                        file = OpenFile(Path);
                    }

                    AppendLocked(text, builder);
                    return notice;
                }
                catch (Exception e) when (IsFileFault(e))
                {
                    Fault();
                    Hold(text ?? builder.ToString());
                    return "Cannot write to the log file '" + Path + "': " + e.Message + " Host logging goes on; records are held and written when the file can be written again.";
                }
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                disposed = true;
                file?.Dispose();
                file = null;
            }
        }

        internal static bool IsFileFault(Exception e)
        {
            return e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException;
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

        private void AppendLocked(string text)
        {
            AppendLocked(text, null);
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

            file.Append(buffer, count);
            if (buffer.Length > 1 << 20 || chars.Length > 1 << 18)
            {
                // A huge record should not pin huge buffers for the life of the process.
                buffer = new byte[4096];
                chars = new char[1024];
            }
        }

        private bool TryReopen(out string failure)
        {
            try
            {
                file = OpenFile(Path);
                failure = null;
                return true;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                file = null;
                failure = e.Message;
                return false;
            }
        }

        private bool TryFlushPending(out string failure)
        {
            try
            {
                if (dropped > 0)
                {
                    AppendLocked("[LlamaLog] " + dropped.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + " records were dropped while '" + Path + "' could not be written." + Environment.NewLine);
                    dropped = 0;
                }

                while (pending.Count > 0)
                {
                    AppendLocked(pending.Peek());
                    pending.Dequeue();
                }

                failure = null;
                return true;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                Fault();
                failure = null;
                return false;
            }
        }

        private void Fault()
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
            if (pending.Count >= MaxPendingRecords)
            {
                pending.Dequeue();
                dropped++;
            }

            pending.Enqueue(text);
        }

        private static string Describe(int count, long lost)
        {
            string held = count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " held record" + (count == 1 ? " was" : "s were");
            return lost > 0 ? held + " (" + lost.ToString(System.Globalization.CultureInfo.InvariantCulture) + " older ones were dropped)" : held;
        }
    }
}
