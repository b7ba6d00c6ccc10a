using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// The rotated files of one log file and the moves that make them: their names, the rename of the current file
    /// to the next rotated name, retention, and the repair of what a killed process left half done. Every method
    /// that renames or deletes is called under the path's <see cref="RotationLock"/>. Only names of the policy's
    /// own pattern are ever touched:
    /// size only, as Python's RotatingFileHandler: <c>server.log.1</c> (newest) ... <c>server.log.N</c>;
    /// by time, as TimedRotatingFileHandler: <c>server.log.2026-12-04</c> (Day) or <c>server.log.2026-12-04_21</c>
    /// (Hour), local time; by time and size: <c>server.log.2026-12-04.1</c>, <c>.2</c>, ... in the order written.
    /// Each may end in <c>.gz</c> (compressed) or <c>.gz.tmp</c> (being compressed).
    /// </summary>
    internal sealed class RotatedFileSet
    {
        private const string Gz = ".gz";
        private const string Tmp = ".gz.tmp";
        private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';
        private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        private readonly RollingPolicy policy;
        private readonly string folder;
        private readonly string baseName;
        private readonly Regex pattern;

        public RotatedFileSet(string fullPath, RollingPolicy policy)
        {
            FullPath = fullPath;
            this.policy = policy;
            folder = Path.GetDirectoryName(fullPath) ?? string.Empty;
            baseName = Path.GetFileName(fullPath);
            string period = policy.Interval == RollInterval.None ? null
                : policy.Interval == RollInterval.Hour ? @"\d{4}-\d\d-\d\d_\d\d" : @"\d{4}-\d\d-\d\d";
            string stem = period == null ? @"\.(?<n>[1-9][0-9]{0,8})" : @"\.(?<p>" + period + @")(?:\.(?<n>[1-9][0-9]{0,8}))?";
            pattern = new Regex("^" + Regex.Escape(baseName) + stem + @"(?<gz>\.gz(?<tmp>\.tmp)?)?$", RegexOptions.CultureInvariant);
        }

        public string FullPath { get; }

        /// <summary>
        /// Renames the current file to its rotated name and returns that name: <c>.1</c> after moving the numbered
        /// files up by one (closing any gap a killed rotation left), or the name of <paramref name="periodStart"/>'s
        /// period, numbered after the ones of that period already there. Never renames onto an existing name.
        /// </summary>
        public string MoveCurrent(DateTime periodStart)
        {
            List<Entry> entries = List(out _);
            string target;
            if (policy.Interval == RollInterval.None)
            {
                entries.Sort((a, b) => a.Number.CompareTo(b.Number));

                // The i-th entry (from 0) becomes number i + 2. Those that would land beyond the limit go now, unrenamed.
                int keep = entries.Count;
                if (policy.MaxFiles > 0 && keep > policy.MaxFiles - 1)
                {
                    keep = Math.Max(policy.MaxFiles - 1, 0);
                    for (int i = entries.Count - 1; i >= keep; i--)
                    {
                        Delete(entries[i]);
                    }
                }

                // Targets rise one by one from 2 and never pass their source by more than one: move up from the
                // highest, then down from the lowest, and no rename meets a name still in use.
                for (int i = keep - 1; i >= 0; i--)
                {
                    if (i + 2 > entries[i].Number)
                    {
                        MoveEntry(entries[i], NumberedName(null, i + 2));
                    }
                }

                for (int i = 0; i < keep; i++)
                {
                    if (i + 2 < entries[i].Number)
                    {
                        MoveEntry(entries[i], NumberedName(null, i + 2));
                    }
                }

                target = NumberedName(null, 1);
            }
            else
            {
                string period = policy.PeriodName(periodStart);
                int highest = -1;
                foreach (Entry entry in entries)
                {
                    if (string.Equals(entry.Period, period, StringComparison.Ordinal))
                    {
                        highest = Math.Max(highest, entry.Number);
                    }
                }

                target = policy.MaxSize == 0 && highest < 0 ? Path.Combine(folder, baseName + "." + period) : NumberedName(period, Math.Max(highest, 0) + 1);
            }

            if (File.Exists(target) || File.Exists(target + Gz))
            {
                throw new IOException("Cannot rotate '" + FullPath + "': '" + target + "' is in the way.");
            }

            Rename(FullPath, target);
            return target;
        }

        /// <summary>Deletes the oldest rotated files beyond the policy's limit (none when it keeps all).</summary>
        public void DeleteBeyondLimit()
        {
            if (policy.MaxFiles == 0)
            {
                return;
            }

            List<Entry> entries = List(out _);
            if (entries.Count <= policy.MaxFiles)
            {
                return;
            }

            // Oldest first: the highest number for size alone; the earliest period, then the lowest number, by time.
            if (policy.Interval == RollInterval.None)
            {
                entries.Sort((a, b) => b.Number.CompareTo(a.Number));
            }
            else
            {
                entries.Sort((a, b) =>
                {
                    int byPeriod = string.CompareOrdinal(a.Period, b.Period);
                    return byPeriod != 0 ? byPeriod : a.Number.CompareTo(b.Number);
                });
            }

            for (int i = 0; i < entries.Count - policy.MaxFiles; i++)
            {
                Delete(entries[i]);
            }
        }

        /// <summary>
        /// Repairs what a process killed while compressing left behind: a rotated file next to its finished
        /// <c>.gz</c> is deleted (the <c>.gz</c> is renamed in only once whole), and a <c>.gz.tmp</c> nobody holds
        /// open is deleted.
        /// </summary>
        public void FinishInterrupted()
        {
            List<Entry> entries = List(out List<string> temporary);
            foreach (Entry entry in entries)
            {
                if (entry.Plain && entry.Compressed)
                {
                    TryDelete(entry.Stem);
                }
            }

            foreach (string name in temporary)
            {
                RotatedFileCompressor.DeleteIfAbandoned(name);
            }
        }

        /// <summary>The uncompressed rotated files: to compress, and for the compressor to find where its source has moved.</summary>
        public List<string> PlainFiles()
        {
            var plain = new List<string>();
            foreach (Entry entry in List(out _))
            {
                if (entry.Plain && !entry.Compressed)
                {
                    plain.Add(entry.Stem);
                }
            }

            return plain;
        }

        /// <summary>rename(2) on Unix: atomic, and unlike .NET's File.Move never a link and an unlink (two names for one file if killed between).</summary>
        public static void Rename(string from, string to)
        {
            if (IsWindows)
            {
                File.Move(from, to);
                return;
            }

            byte[] source = Encoding.UTF8.GetBytes(from + "\0");
            byte[] destination = Encoding.UTF8.GetBytes(to + "\0");
            if ((IsMac ? MacLibc.rename(source, destination) : LinuxLibc.rename(source, destination)) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                throw new IOException("Cannot rename '" + from + "' to '" + to + "': " + new Win32Exception(errno).Message
                    + " (errno " + errno.ToString(CultureInfo.InvariantCulture) + ").", errno);
            }
        }

        private string NumberedName(string period, int number)
        {
            return Path.Combine(folder, baseName + (period == null ? string.Empty : "." + period) + "." + number.ToString(CultureInfo.InvariantCulture));
        }

        private List<Entry> List(out List<string> temporary)
        {
            var byStem = new Dictionary<string, Entry>(StringComparer.Ordinal);
            temporary = new List<string>();
            foreach (string path in Directory.EnumerateFiles(string.IsNullOrEmpty(folder) ? "." : folder, baseName + ".*"))
            {
                Match match = pattern.Match(Path.GetFileName(path));
                if (!match.Success)
                {
                    continue;
                }

                if (match.Groups["tmp"].Success)
                {
                    temporary.Add(path);
                    continue;
                }

                bool compressed = match.Groups["gz"].Success;
                string stem = compressed ? path.Substring(0, path.Length - Gz.Length) : path;
                if (!byStem.TryGetValue(stem, out Entry entry))
                {
                    entry = new Entry
                    {
                        Stem = stem,
                        Period = match.Groups["p"].Success ? match.Groups["p"].Value : string.Empty,
                        Number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
                    };
                    byStem.Add(stem, entry);
                }

                if (compressed)
                {
                    entry.Compressed = true;
                }
                else
                {
                    entry.Plain = true;
                }
            }

            return new List<Entry>(byStem.Values);
        }

        private static void MoveEntry(Entry entry, string stem)
        {
            if (File.Exists(stem) || File.Exists(stem + Gz))
            {
                throw new IOException("Cannot rotate: '" + stem + "' is in the way.");
            }

            if (entry.Plain)
            {
                Rename(entry.Stem, stem);
            }

            if (entry.Compressed)
            {
                Rename(entry.Stem + Gz, stem + Gz);
            }
        }

        private static void Delete(Entry entry)
        {
            if (entry.Plain)
            {
                TryDelete(entry.Stem);
            }

            if (entry.Compressed)
            {
                TryDelete(entry.Stem + Gz);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (FileSink.IsFileFault(e))
            {
                // Retention is tidying: a file that cannot be deleted now is deleted at a later rotation.
            }
        }

        private sealed class Entry
        {
            public string Stem;
            public string Period;
            public int Number;
            public bool Plain;
            public bool Compressed;
        }

        private static class MacLibc
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int rename(byte[] oldPath, byte[] newPath);
        }
    }
}
