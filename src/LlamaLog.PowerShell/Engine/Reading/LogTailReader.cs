using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// The last N entries of a log file that a filter accepts (Import-LlamaLog -Tail), read from the end of the file
    /// in blocks: only as much of the file as those entries and the records between them take is read, whatever its
    /// size. Records are found as forward reading finds them: a line that starts a record (the formats' own test,
    /// <see cref="LogRecordReader.StartsRecord"/>) and the lines after it up to the next one, read by a
    /// <see cref="LogRecordReader"/> exactly as a forward read would. A gzip or UTF-16 file cannot be read backwards
    /// and is scanned from its start.
    /// </summary>
    /// <remarks>
    /// Line numbers count from the file's start, so they are known only when the reading reached it; otherwise
    /// they are 0. Memory is bounded as for forward reading: lines that no record can hold (more than
    /// <see cref="LogRecordReader.MaxContinuationLines"/> below a start) are Unknown entries as they come.
    /// </remarks>
    public sealed class LogTailReader
    {
        private const int BlockSize = 1 << 16;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        private readonly string path;
        private readonly LogFormat format;
        private readonly LogEntryFilter filter;

        // The backward pass: entries collected newest first, the lines seen (counted from the end), and the lines
        // above the last record start, bottom-most first.
        private readonly List<LogEntry> newestFirst = new List<LogEntry>();
        private readonly List<string> group = new List<string>();
        private readonly List<LogEntry> output = new List<LogEntry>();
        private readonly List<string> split = new List<string>(1);
        private LogRecordReader records;
        private long groupCharacters;
        private long linesFromEnd;

        public LogTailReader(string path, LogFormat format, LogEntryFilter filter)
        {
            this.path = path;
            this.format = format;
            this.filter = filter;
        }

        /// <summary>How many bytes of the file the last <see cref="Read"/> read.</summary>
        public long BytesRead { get; private set; }

        /// <summary>
        /// The byte offset after the last line the last <see cref="Read"/> took: where reading the file onwards
        /// (following it) goes on. A gzip or UTF-16 file's length at the time.
        /// </summary>
        public long End { get; private set; }

        /// <summary>How many lines the file has up to <see cref="End"/>, when the reading reached its start; else null.</summary>
        public long? LinesBeforeEnd { get; private set; }

        /// <summary>Whether the file was scanned from its start (gzip, UTF-16) instead of read from its end.</summary>
        public bool Scanned { get; private set; }

        /// <summary>
        /// The last <paramref name="count"/> entries the filter accepts, oldest first. With
        /// <paramref name="completeLinesOnly"/> a last line without its line end is left for later (a writer is
        /// still writing it), as following a file needs.
        /// </summary>
        public List<LogEntry> Read(int count, bool completeLinesOnly)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            newestFirst.Clear();
            group.Clear();
            groupCharacters = 0;
            linesFromEnd = 0;
            BytesRead = 0;
            LinesBeforeEnd = null;
            Scanned = false;
            using (FileStream stream = LogFileReader.OpenUnbuffered(path))
            {
                long length = stream.Length;
                var head = new byte[3];
                int headLength = LogFileReader.ReadFully(stream, head, head.Length);
                BytesRead += headLength;
                if ((headLength >= 2 && head[0] == 0x1F && head[1] == 0x8B) || (headLength >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))))
                {
                    End = length;
                    return Scan(count);
                }

                int orderMark = headLength == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
                ReadBackwards(stream, length, orderMark, count, completeLinesOnly);
            }

            int skip = Math.Max(0, newestFirst.Count - count);
            var entries = new List<LogEntry>(newestFirst.Count - skip);
            for (int i = newestFirst.Count - 1; i >= skip; i--)
            {
                LogEntry entry = newestFirst[i];
                // Lines were numbered from the end (the last is -1): from the start once the total is known.
                entry.LineNumber = LinesBeforeEnd.HasValue ? LinesBeforeEnd.Value + 1 + entry.LineNumber : 0;
                entries.Add(entry);
            }

            newestFirst.Clear();
            return entries;
        }

        private List<LogEntry> Scan(int count)
        {
            Scanned = true;
            var last = new Queue<LogEntry>(Math.Min(count, 1024) + 1);
            if (count == 0)
            {
                return new List<LogEntry>();
            }

            foreach (LogEntry entry in LogFileReader.Read(path, format, filter))
            {
                last.Enqueue(entry);
                if (last.Count > count)
                {
                    last.Dequeue();
                }
            }

            return new List<LogEntry>(last);
        }

        private void ReadBackwards(FileStream stream, long length, int orderMark, int count, bool completeLinesOnly)
        {
            records = new LogRecordReader(format, path);
            var block = new byte[BlockSize];

            // The bytes of the line being put together, from blocks read in turn backwards (so the last chunk read
            // is its start), and whether the file's last line (after its last '\n') is still to be decided.
            var carry = new List<ArraySegment<byte>>();
            bool trailing = true;
            long position = length;
            while (position > 0)
            {
                if (!trailing && newestFirst.Count >= count)
                {
                    return;
                }

                int size = (int)Math.Min(BlockSize, position);
                long start = position - size;
                stream.Position = start;
                int read = LogFileReader.ReadFully(stream, block, size);
                BytesRead += read;
                if (read < size)
                {
                    // The file was cut short while being read: what is left of it is a file of that length.
                    throw new IOException("'" + path + "' was truncated while being read.");
                }

                if (position == length)
                {
                    CheckEndForBinary(block, read);
                }

                int lineEnd = read;
                for (int i = read - 1; i >= 0; i--)
                {
                    if (block[i] != (byte)'\n')
                    {
                        continue;
                    }

                    if (trailing)
                    {
                        trailing = false;
                        // After the last '\n': nothing, or a last line without its end (taken unless left for later).
                        if (!completeLinesOnly && (lineEnd > i + 1 || carry.Count > 0))
                        {
                            AddLine(block, i + 1, lineEnd - (i + 1), carry, 0);
                        }

                        End = start + i + 1;
                        carry.Clear();
                    }
                    else
                    {
                        // A '\n' ends the line after it: the line is this block's bytes after it and the carry.
                        AddLine(block, i + 1, lineEnd - (i + 1), carry, 0);
                        carry.Clear();
                    }

                    lineEnd = i;
                    if (!trailing && newestFirst.Count >= count)
                    {
                        return;
                    }
                }

                if (lineEnd > 0)
                {
                    var copy = new byte[lineEnd];
                    Buffer.BlockCopy(block, 0, copy, 0, lineEnd);
                    carry.Add(new ArraySegment<byte>(copy));
                }

                position = start;
            }

            // At the start: the first line (no '\n' before it), then the lines above the first record.
            if (trailing)
            {
                // No '\n' in the whole file: its one line is still being written, or is the last one.
                End = completeLinesOnly ? 0 : length;
                if (completeLinesOnly)
                {
                    carry.Clear();
                }
            }

            if (carry.Count > 0 || (!trailing && length > 0))
            {
                AddLine(null, 0, 0, carry, orderMark);
            }

            FlushGroup(-linesFromEnd - 1);
            LinesBeforeEnd = linesFromEnd;
        }

        // A NUL in the last bytes (where a forward read looks at the first ones): a binary file is refused either way.
        private void CheckEndForBinary(byte[] block, int read)
        {
            int from = Math.Max(0, read - LogFileReader.SniffLength);
            if (Array.IndexOf(block, (byte)0, from, read - from) >= 0)
            {
                throw new BinaryLogFileException(path, true);
            }
        }

        // The line made of block[offset, offset + count) followed by the carried chunks (last added first).
        private void AddLine(byte[] block, int offset, int count, List<ArraySegment<byte>> carry, int skip)
        {
            string text;
            if (block == null && carry.Count == 0)
            {
                text = string.Empty;
            }
            else if (carry.Count == 0)
            {
                text = Utf8.GetString(block, offset, count);
            }
            else
            {
                long total = count;
                foreach (ArraySegment<byte> chunk in carry)
                {
                    total += chunk.Count;
                }

                var bytes = new byte[total];
                int at = 0;
                if (count > 0)
                {
                    Buffer.BlockCopy(block, offset, bytes, 0, count);
                    at = count;
                }

                for (int i = carry.Count - 1; i >= 0; i--)
                {
                    Buffer.BlockCopy(carry[i].Array, carry[i].Offset, bytes, at, carry[i].Count);
                    at += carry[i].Count;
                }

                text = Utf8.GetString(bytes, skip, bytes.Length - skip);
            }

            split.Clear();
            LogLineBreaks.AddLines(text, split);
            for (int i = split.Count - 1; i >= 0; i--)
            {
                AddLineBackwards(split[i]);
            }
        }

        private void AddLineBackwards(string line)
        {
            linesFromEnd++;
            if (records.StartsRecord(line))
            {
                group.Add(line);
                FlushGroup(-linesFromEnd - 1);
                return;
            }

            group.Add(line);
            groupCharacters += line.Length + 1;
            if (group.Count > 2 * LogRecordReader.MaxContinuationLines || groupCharacters > 2 * LogRecordReader.MaxRecordCharacters)
            {
                TrimGroup();
            }
        }

        // The lines in the group, top first, read as forward reading reads them from line linesBefore + 1.
        private void FlushGroup(long linesBefore)
        {
            if (group.Count == 0)
            {
                return;
            }

            records.Restart(linesBefore);
            for (int i = group.Count - 1; i >= 0; i--)
            {
                records.Add(group[i], output);
            }

            records.Complete(output);
            Collect();
            group.Clear();
            groupCharacters = 0;
        }

        // Lines below the first MaxContinuationLines (or MaxRecordCharacters) of a run without a record start are
        // Unknown entries whatever starts the run: a record holds no more than that.
        private void TrimGroup()
        {
            int kept = 0;
            long characters = 0;
            for (int i = group.Count - 1; i >= 0; i--)
            {
                characters += group[i].Length + 1;
                if (kept >= LogRecordReader.MaxContinuationLines || characters > LogRecordReader.MaxRecordCharacters)
                {
                    break;
                }

                kept++;
            }

            int unknown = group.Count - kept;
            // group[0] is the bottom-most line, numbered from the end.
            long bottom = -(linesFromEnd - group.Count + 1);
            for (int i = 0; i < unknown; i++)
            {
                var entry = new LogEntry { Message = group[i], Format = LogFormat.Unknown, Path = path, LineNumber = bottom - i };
                if (filter == null || filter.Accepts(entry))
                {
                    newestFirst.Add(entry);
                }
            }

            group.RemoveRange(0, unknown);
            groupCharacters = 0;
            foreach (string line in group)
            {
                groupCharacters += line.Length + 1;
            }
        }

        private void Collect()
        {
            for (int i = output.Count - 1; i >= 0; i--)
            {
                if (filter == null || filter.Accepts(output[i]))
                {
                    newestFirst.Add(output[i]);
                }
            }

            output.Clear();
        }
    }
}
