using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Follows a log file by its path as <c>tail -F</c> does (Import-LlamaLog -Follow): the entries of the lines
    /// written to it, as they are written, by this process or any other.
    /// </summary>
    /// <remarks>
    /// The file is polled (<see cref="PollInterval"/>): a FileSystemWatcher misses what other machines write to a
    /// shared or container-mounted file and costs an inotify instance, of which a user has few; a poll is a size
    /// check, a read of the first 64 bytes and one stat. Each poll reads what has grown; a line is taken once its '\n' is there (a partial
    /// line waits), and a record once the next one starts or the file has been quiet for <see cref="QuietPeriod"/>
    /// (its traceback may still be coming until then). When the path names another file (renamed or deleted
    /// and created again, as logrotate and LlamaLog's rotation do; a file's identity is its device and inode on
    /// Linux, its first bytes elsewhere), the old file is read to its end and for as long as it still grows
    /// (writers that have not yet moved to the new file), and the new file is read from its start. A file that
    /// shrinks, or whose first bytes change, was truncated: it is read again from its start.
    /// </remarks>
    public sealed class LogFileFollower
    {
        /// <summary>How long a file that was replaced is still read after it last grew.</summary>
        public static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(2);

        private const int ChunkSize = 1 << 16;
        private const int SampleSize = 64;
        private const int MaxChunksPerPoll = 16;
        private static readonly bool KnowsIdentity = LinuxLibc.IsSupportedTarget;

        private readonly string path;
        private readonly byte[] nativePath;
        private readonly LogFormat format;
        private readonly LogEntryFilter filter;
        private readonly List<LogEntry> output = new List<LogEntry>();
        private readonly byte[] chunk = new byte[ChunkSize];
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public LogFileFollower(string path, LogFormat format, LogEntryFilter filter)
        {
            this.path = path;
            this.format = format;
            this.filter = filter;
            nativePath = Encoding.UTF8.GetBytes(path + "\0");
        }

        /// <summary>How often the file is looked at.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

        /// <summary>How long the file must be quiet before its last record is taken as complete.</summary>
        public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// The entries of the file from byte <paramref name="start"/> on (0: all of it), then of what is written,
        /// until <paramref name="cancel"/> is set. <paramref name="linesBefore"/> is the number of lines before
        /// <paramref name="start"/>, or null when it is not known (line numbers are 0 then, until the file starts
        /// anew). A file that is missing is waited for.
        /// </summary>
        public IEnumerable<LogEntry> Follow(long start, long? linesBefore, CancellationToken cancel)
        {
            var retiring = new List<FollowedFile>();
            FollowedFile current = TryOpen(start, linesBefore);
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    // Whether a file has more to read than one poll reads (a big file at the start): no wait then.
                    bool behind = false;
                    if (current != null)
                    {
                        if (current.Stream.Length < current.Position || !current.BeginsWithSample(current.Stream))
                        {
                            // Truncated (copytruncate, or a writer that starts the file over): what was pending is
                            // complete, and the file is read again from its start.
                            current.Finish(false, output);
                            current.StartOver();
                        }

                        behind |= ReadGrowth(current);
                    }

                    for (int i = retiring.Count - 1; i >= 0; i--)
                    {
                        behind |= ReadGrowth(retiring[i]);
                        TimeSpan quiet = clock.Elapsed - retiring[i].LastGrowth;
                        if (quiet >= RetireAfter)
                        {
                            retiring[i].Finish(true, output);
                            retiring[i].Dispose();
                            retiring.RemoveAt(i);
                        }
                        else if (quiet >= QuietPeriod)
                        {
                            retiring[i].Complete(output);
                        }
                    }

                    if (current == null)
                    {
                        current = TryOpen(0, 0);
                    }
                    else if (!StillAtPath(current))
                    {
                        behind |= ReadGrowth(current);
                        retiring.Add(current);
                        current = TryOpen(0, 0);
                        if (current != null)
                        {
                            behind |= ReadGrowth(current);
                        }
                    }

                    if (current != null && !behind && clock.Elapsed - current.LastGrowth >= QuietPeriod)
                    {
                        current.Complete(output);
                    }

                    foreach (LogEntry entry in TakeOutput())
                    {
                        yield return entry;
                    }

                    if (behind)
                    {
                        continue;
                    }

                    // The next poll, or sooner the moment the pending record has been quiet long enough.
                    TimeSpan wait = PollInterval;
                    if (current != null && current.Records.HasPending)
                    {
                        TimeSpan untilQuiet = current.LastGrowth + QuietPeriod - clock.Elapsed;
                        if (untilQuiet < wait)
                        {
                            wait = untilQuiet > TimeSpan.Zero ? untilQuiet : TimeSpan.FromMilliseconds(1);
                        }
                    }

                    cancel.WaitHandle.WaitOne(wait);
                }
            }
            finally
            {
                current?.Dispose();
                foreach (FollowedFile file in retiring)
                {
                    file.Dispose();
                }
            }
        }

        private List<LogEntry> TakeOutput()
        {
            var accepted = new List<LogEntry>(output.Count);
            foreach (LogEntry entry in output)
            {
                if (filter == null || filter.Accepts(entry))
                {
                    accepted.Add(entry);
                }
            }

            output.Clear();
            return accepted;
        }

        private FollowedFile TryOpen(long start, long? linesBefore)
        {
            FileStream stream;
            try
            {
                stream = LogFileReader.OpenUnbuffered(path);
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException || error is UnauthorizedAccessException || error is IOException)
            {
                // Not there (yet, or again): looked for at the next poll.
                return null;
            }

            var file = new FollowedFile(stream, new LogRecordReader(format, path, linesBefore ?? 0), linesBefore.HasValue, clock.Elapsed);
            if (KnowsIdentity)
            {
                file.KnowsIdentity = LinuxStat.TryIdentity(stream.SafeFileHandle.DangerousGetHandle().ToInt32(), out file.Device, out file.Inode);
            }

            if (start > 0)
            {
                // The encoding is told by the file's first bytes, read before going on from the middle; they are
                // also the sample that tells the file from another.
                var head = new byte[Math.Min(SampleSize, start)];
                int read = LogFileReader.ReadFully(stream, head, head.Length);
                file.ChooseEncoding(head, read, false);
                file.Sample(head, 0, read);
                file.Position = start;
            }

            return file;
        }

        // Reads what the file has grown by, at most MaxChunksPerPoll chunks (so entries go out while a big file is
        // read); returns whether more is there.
        private bool ReadGrowth(FollowedFile file)
        {
            for (int chunks = 0; chunks < MaxChunksPerPoll; chunks++)
            {
                long length = file.Stream.Length;
                if (length <= file.Position)
                {
                    return false;
                }

                if (file.Decoder == null && file.Position == 0 && length < 2)
                {
                    // One byte: too few to tell a UTF-16 order mark, and no line yet.
                    return false;
                }

                file.Stream.Position = file.Position;
                int read = file.Stream.Read(chunk, 0, (int)Math.Min(chunk.Length, length - file.Position));
                if (read <= 0)
                {
                    return false;
                }

                if (file.Position < LogFileReader.SniffLength)
                {
                    CheckForBinary(file, read);
                }

                int offset = 0;
                if (file.Decoder == null)
                {
                    offset = file.ChooseEncoding(chunk, read, true);
                }

                file.Sample(chunk, 0, read);
                file.Position += read;
                file.LastGrowth = clock.Elapsed;
                file.Decode(chunk, offset, read - offset, output);
            }

            return file.Stream.Length > file.Position;
        }

        private void CheckForBinary(FollowedFile file, int read)
        {
            int count = (int)Math.Min(read, LogFileReader.SniffLength - file.Position);
            if (!file.IsUtf16 && Array.IndexOf(chunk, (byte)0, 0, count) >= 0)
            {
                throw new BinaryLogFileException(path);
            }
        }

        private bool StillAtPath(FollowedFile file)
        {
            if (file.KnowsIdentity)
            {
                return LinuxStat.TryIdentity(nativePath, out long device, out long inode) && device == file.Device && inode == file.Inode;
            }

            // Without an identity: the file at the path must begin with the bytes ours began with.
            try
            {
                using (FileStream other = LogFileReader.OpenUnbuffered(path))
                {
                    return file.BeginsWithSample(other);
                }
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException || error is UnauthorizedAccessException || error is IOException)
            {
                return false;
            }
        }

        /// <summary>One file being read: its stream, where reading is, its decoder and the line being put together.</summary>
        private sealed class FollowedFile : IDisposable
        {
            public readonly FileStream Stream;
            public readonly LogRecordReader Records;
            public long Position;
            public TimeSpan LastGrowth;
            public Decoder Decoder;
            public bool IsUtf16;
            public bool KnowsIdentity;
            public long Device;
            public long Inode;

            private readonly StringBuilder line = new StringBuilder();
            private readonly List<string> lines = new List<string>(1);
            private readonly byte[] sample = new byte[SampleSize];
            private readonly byte[] head = new byte[SampleSize];
            private char[] characters = new char[ChunkSize + 2];
            private bool lineNumbersKnown;
            private bool atFileStart;

            public FollowedFile(FileStream stream, LogRecordReader records, bool lineNumbersKnown, TimeSpan now)
            {
                Stream = stream;
                Records = records;
                this.lineNumbersKnown = lineNumbersKnown;
                LastGrowth = now;
                atFileStart = true;
            }

            public int SampleLength { get; private set; }

            /// <summary>
            /// Whether the file in <paramref name="stream"/> begins with the bytes this one began with: a file
            /// truncated and written again past where reading was, between two polls, does not.
            /// </summary>
            public bool BeginsWithSample(FileStream stream)
            {
                if (SampleLength == 0)
                {
                    return true;
                }

                stream.Position = 0;
                int read = LogFileReader.ReadFully(stream, head, SampleLength);
                if (read < SampleLength)
                {
                    return false;
                }

                for (int i = 0; i < read; i++)
                {
                    if (head[i] != sample[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>Keeps the file's first bytes (its identity where the system gives none).</summary>
            public void Sample(byte[] bytes, int offset, int count)
            {
                if (Position >= SampleSize)
                {
                    return;
                }

                int take = (int)Math.Min(count, SampleSize - Position);
                Buffer.BlockCopy(bytes, offset, sample, (int)Position, take);
                SampleLength = Math.Max(SampleLength, (int)Position + take);
            }

            /// <summary>Chooses the decoder from the first bytes; returns how many of them are an order mark to skip.</summary>
            public int ChooseEncoding(byte[] head, int length, bool skipMark)
            {
                Encoding encoding = new UTF8Encoding(false, false);
                int mark = 0;
                if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
                {
                    encoding = new UnicodeEncoding(false, false, false);
                    mark = 2;
                    IsUtf16 = true;
                }
                else if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
                {
                    encoding = new UnicodeEncoding(true, false, false);
                    mark = 2;
                    IsUtf16 = true;
                }

                Decoder = encoding.GetDecoder();
                atFileStart = skipMark;
                return skipMark ? mark : 0;
            }

            public void Decode(byte[] bytes, int offset, int count, List<LogEntry> output)
            {
                int needed = Decoder.GetCharCount(bytes, offset, count, false);
                if (characters.Length < needed)
                {
                    characters = new char[needed];
                }

                int decoded = Decoder.GetChars(bytes, offset, count, characters, 0, false);
                int start = 0;
                if (atFileStart && decoded > 0)
                {
                    // A UTF-8 order mark decodes to U+FEFF: not part of the first line.
                    if (characters[0] == '\uFEFF')
                    {
                        start = 1;
                    }

                    atFileStart = false;
                }

                for (int i = start; i < decoded; i++)
                {
                    if (characters[i] != '\n')
                    {
                        continue;
                    }

                    line.Append(characters, start, i - start);
                    AddLine(line.ToString(), output);
                    line.Clear();
                    start = i + 1;
                }

                line.Append(characters, start, decoded - start);
            }

            /// <summary>
            /// Completes the record being read; with <paramref name="partialLine"/> a last line without its end
            /// (the file will not grow any more) is taken first.
            /// </summary>
            public void Finish(bool partialLine, List<LogEntry> output)
            {
                if (partialLine && line.Length > 0)
                {
                    AddLine(line.ToString(), output);
                }

                line.Clear();
                Complete(output);
            }

            /// <summary>Completes the record being read (the file has been quiet).</summary>
            public void Complete(List<LogEntry> output)
            {
                int before = output.Count;
                Records.Complete(output);
                ForgetLineNumbers(output, before);
            }

            public void StartOver()
            {
                Position = 0;
                Decoder = null;
                IsUtf16 = false;
                SampleLength = 0;
                lineNumbersKnown = true;
                atFileStart = true;
                Records.Restart(0);
            }

            public void Dispose()
            {
                Stream.Dispose();
            }

            private void AddLine(string text, List<LogEntry> output)
            {
                int before = output.Count;
                lines.Clear();
                LogLineBreaks.AddLines(text, lines);
                foreach (string one in lines)
                {
                    Records.Add(one, output);
                }

                ForgetLineNumbers(output, before);
            }

            // Read from the middle of a file whose start was not read: its line numbers are not known.
            private void ForgetLineNumbers(List<LogEntry> output, int from)
            {
                if (!lineNumbersKnown)
                {
                    for (int i = from; i < output.Count; i++)
                    {
                        output[i].LineNumber = 0;
                    }
                }
            }
        }
    }
}
