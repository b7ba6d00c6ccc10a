// Compiled with Add-Type by Invoke-Benchmarks.ps1: counting and matching a million lines is too slow in script.
using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace LlamaLogBench
{
    public static class LineCheck
    {
        /// <summary>
        /// Null when the file holds exactly <paramref name="expected"/> whole lines (the last one ended by a newline),
        /// each matching <paramref name="pattern"/>; otherwise what is wrong.
        /// </summary>
        public static string Check(string path, long expected, string pattern)
        {
            if (!File.Exists(path))
            {
                return "no log file at '" + path + "'";
            }

            if (new FileInfo(path).Length == 0)
            {
                return expected == 0 ? null : "the log file is empty";
            }

            if (!EndsWithNewline(path))
            {
                return "the last line is not whole (no newline at the end of the file)";
            }

            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            long count = 0;
            foreach (string raw in File.ReadLines(path, new UTF8Encoding(false)))
            {
                count++;
                string line = raw.EndsWith("\r", StringComparison.Ordinal) ? raw.Substring(0, raw.Length - 1) : raw;
                if (!regex.IsMatch(line))
                {
                    return "line " + count + " is not a whole record: '" + (line.Length > 200 ? line.Substring(0, 200) + "…" : line) + "'";
                }
            }

            return count == expected ? null : count + " lines instead of " + expected;
        }

        /// <summary>The number of newlines in a file (what a child process wrote to its standard output).</summary>
        public static long CountLines(string path)
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            long count = 0;
            var buffer = new byte[1 << 16];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    for (int i = 0; i < read; i++)
                    {
                        if (buffer[i] == (byte)'\n')
                        {
                            count++;
                        }
                    }
                }
            }

            return count;
        }

        private static bool EndsWithNewline(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(-1, SeekOrigin.End);
                return stream.ReadByte() == '\n';
            }
        }
    }
}
