using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Reads a log file as entries, streaming: one buffer and the record being read are all it holds, whatever the
    /// file's size, gzip-compressed or not. UTF-8 (a byte order mark is honoured, UTF-16 too); invalid bytes become U+FFFD and reading
    /// goes on. A file with a NUL byte in its first bytes is refused as binary before any entry is read.
    /// </summary>
    public static class LogFileReader
    {
        /// <summary>How many bytes are looked at for a NUL (as git and grep decide that a file is binary).</summary>
        public const int SniffLength = 8000;

        private const int BufferSize = 1 << 16;

        /// <summary>
        /// Opens <paramref name="path"/>, shared with writers (a live log), and checks that it is text. A gzip file
        /// (a rotated <c>server.log.2.gz</c>, told by its magic bytes, not its name) is decompressed as it is read.
        /// </summary>
        public static StreamReader Open(string path)
        {
            Stream stream = OpenShared(path, FileOptions.SequentialScan);
            try
            {
                bool gzip = IsGzip(stream);
                stream.Position = 0;
                if (gzip)
                {
                    stream = new GZipStream(stream, CompressionMode.Decompress);
                }

                var head = new byte[SniffLength];
                int read = ReadFully(stream, head, head.Length);
                if (IsBinary(head, read))
                {
                    throw new BinaryLogFileException(path);
                }

                if (gzip)
                {
                    // A decompressing stream cannot go back to its start: open the file again (the head is small).
                    stream.Dispose();
                    stream = new GZipStream(OpenShared(path, FileOptions.SequentialScan), CompressionMode.Decompress);
                }
                else
                {
                    stream.Position = 0;
                }

                // Encoding.UTF8's decoder replaces invalid bytes with U+FFFD instead of throwing.
                return new StreamReader(stream, new UTF8Encoding(false, false), true, BufferSize);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The file opened for reading as a live log is: writers may go on writing, renaming and deleting it.</summary>
        private static FileStream OpenShared(string path, FileOptions options)
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, options);
        }

        /// <summary>
        /// The file opened as <see cref="OpenShared"/> does, without the stream's buffer: for readers that read
        /// blocks of their own and go back (FileStream keeps buffered bytes across a seek into them, which would
        /// give a truncated file's old bytes again).
        /// </summary>
        public static FileStream OpenUnbuffered(string path)
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        }

        /// <summary>Whether the stream, at its start, holds gzip data (its two magic bytes). Moves the position.</summary>
        public static bool IsGzip(Stream stream)
        {
            var magic = new byte[2];
            return ReadFully(stream, magic, 2) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        }

        /// <summary>Whether the first <paramref name="length"/> bytes of a file say it is binary: a NUL, unless a UTF-16 order mark explains it.</summary>
        public static bool IsBinary(byte[] head, int length)
        {
            return !IsUnicodeWithOrderMark(head, length) && Array.IndexOf(head, (byte)0, 0, length) >= 0;
        }

        internal static int ReadFully(Stream stream, byte[] buffer, int length)
        {
            int read = 0;
            while (read < length)
            {
                int count = stream.Read(buffer, read, length - read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            return read;
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
