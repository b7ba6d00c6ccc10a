using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Reads a log file as entries, streaming: one buffer and the record being read are all it holds, whatever the
    /// file's size. UTF-8 (a byte order mark is honoured, UTF-16 too); invalid bytes become U+FFFD and reading
    /// goes on. A file with a NUL byte in its first bytes is refused as binary before any entry is read.
    /// </summary>
    public static class LogFileReader
    {
        /// <summary>How many bytes are looked at for a NUL (as git and grep decide that a file is binary).</summary>
        public const int SniffLength = 8000;

        private const int BufferSize = 1 << 16;

        /// <summary>Opens <paramref name="path"/>, shared with writers (a live log), and checks that it is text.</summary>
        public static StreamReader Open(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
            try
            {
                var head = new byte[SniffLength];
                int read = 0;
                while (read < head.Length)
                {
                    int count = stream.Read(head, read, head.Length - read);
                    if (count == 0)
                    {
                        break;
                    }

                    read += count;
                }

                if (!IsUnicodeWithOrderMark(head, read) && Array.IndexOf(head, (byte)0, 0, read) >= 0)
                {
                    throw new BinaryLogFileException(path);
                }

                stream.Position = 0;
                // Encoding.UTF8's decoder replaces invalid bytes with U+FFFD instead of throwing.
                return new StreamReader(stream, new UTF8Encoding(false, false), true, BufferSize);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The entries of <paramref name="path"/> that <paramref name="filter"/> accepts (all of them when it is null).</summary>
        public static IEnumerable<LogEntry> Read(string path, LogFormat format, LogEntryFilter filter)
        {
            using (StreamReader reader = Open(path))
            {
                foreach (LogEntry entry in Read(reader, format, path, filter))
                {
                    yield return entry;
                }
            }
        }

        /// <summary>The entries of the lines of <paramref name="reader"/>; <paramref name="path"/> is what they name as theirs.</summary>
        public static IEnumerable<LogEntry> Read(TextReader reader, LogFormat format, string path, LogEntryFilter filter)
        {
            var records = new LogRecordReader(format, path);
            var output = new List<LogEntry>(2);
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                records.Add(line, output);
                if (output.Count == 0)
                {
                    continue;
                }

                foreach (LogEntry entry in output)
                {
                    if (filter == null || filter.Accepts(entry))
                    {
                        yield return entry;
                    }
                }

                output.Clear();
            }

            records.Complete(output);
            foreach (LogEntry entry in output)
            {
                if (filter == null || filter.Accepts(entry))
                {
                    yield return entry;
                }
            }
        }

        private static bool IsUnicodeWithOrderMark(byte[] head, int length)
        {
            return length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
        }
    }
}
