using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// The order in which the files of rotated sets are read, so that their records come out in time order
    /// (Import-LlamaLog -Path server.log*). The rule is on names alone:
    /// <list type="bullet">
    /// <item>A file is a rotated file of <c>base</c> when its name is <c>base</c> and a rotation suffix, optionally
    /// followed by <c>.gz</c>: <c>.N</c> (Python's RotatingFileHandler and LlamaLog's size rotation: higher N is
    /// older), <c>.yyyy-MM-dd</c> with optionally <c>_HH</c>, <c>-mm</c>, <c>-ss</c> (Python's
    /// TimedRotatingFileHandler, LlamaLog's Day and Hour rotation) and then optionally <c>.N</c> (LlamaLog's
    /// time-and-size rotation, numbered in the order written: higher N is newer), or <c>-yyyyMMdd</c>, optionally
    /// with <c>HH</c> (logrotate's dateext). Any other file is a current file, a base of its own.</item>
    /// <item>A set is its rotated files, oldest first, then its current file: numbered files from the highest
    /// number down, then dated files by date (compared by their digits, so that an hour follows its day; one
    /// with the same date and no number before the numbered ones, which it precedes in LlamaLog's rotation). A set holding both kinds (a changed policy) reads its numbered
    /// files first.</item>
    /// <item>Sets keep the order in which their first file came; files of no set stay where they were.</item>
    /// <item>Rotation's by-products are left out: <c>.gz.tmp</c> (a compression under way, a <c>.gz</c> or the
    /// source is still there), lock sidecars (<c>.server.log.lock</c>), and a rotated file whose <c>.gz</c> is
    /// there too (a compression that has just finished: the source is about to be deleted).</item>
    /// </list>
    /// </summary>
    public static class RotatedSetOrder
    {
        private static readonly Regex RotatedName = new Regex(
            @"^(?<base>.+?)(?:\.(?<n>[1-9][0-9]{0,8})|\.(?<p>\d{4}-\d\d-\d\d(?:_\d\d(?:-\d\d(?:-\d\d)?)?)?)(?:\.(?<pn>[1-9][0-9]{0,8}))?|-(?<p>\d{8}(?:\d\d)?))(?<gz>\.gz)?$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        /// <summary>Whether a file is a by-product of rotation, never a log: a compression under way or a lock sidecar.</summary>
        public static bool IsRotationByproduct(string path)
        {
            string name = Path.GetFileName(path);
            return name.EndsWith(".gz.tmp", StringComparison.Ordinal)
                || (name.Length > ".lock".Length + 1 && name[0] == '.' && name.EndsWith(".lock", StringComparison.Ordinal));
        }

        /// <summary>The files in reading order, by-products left out.</summary>
        public static List<string> Order(IEnumerable<string> paths)
        {
            // Sets by folder and base name, in the order of their first file.
            var sets = new List<List<RotatedFile>>();
            var setOf = new Dictionary<string, List<RotatedFile>>(StringComparer.Ordinal);
            var given = new HashSet<string>(paths, StringComparer.Ordinal);
            foreach (string path in paths)
            {
                // A rotated file next to its .gz is a compression that has just finished: the .gz is whole (renamed
                // in only once written) and the source is about to be deleted, so only the .gz is read.
                if (IsRotationByproduct(path) || (given.Contains(path + ".gz") && RotatedName.IsMatch(Path.GetFileName(path) + ".gz")))
                {
                    continue;
                }

                RotatedFile file = Parse(path);
                string key = Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, file.BaseName);
                if (!setOf.TryGetValue(key, out List<RotatedFile> set))
                {
                    set = new List<RotatedFile>();
                    setOf.Add(key, set);
                    sets.Add(set);
                }

                set.Add(file);
            }

            var ordered = new List<string>();
            foreach (List<RotatedFile> set in sets)
            {
                // A stable sort: two names of one place (server.log.1 and server.log.1.gz, a compression just
                // finished) keep their given order.
                var indexed = new List<KeyValuePair<int, RotatedFile>>(set.Count);
                for (int i = 0; i < set.Count; i++)
                {
                    indexed.Add(new KeyValuePair<int, RotatedFile>(i, set[i]));
                }

                indexed.Sort((a, b) =>
                {
                    int byAge = Compare(a.Value, b.Value);
                    return byAge != 0 ? byAge : a.Key.CompareTo(b.Key);
                });
                foreach (KeyValuePair<int, RotatedFile> file in indexed)
                {
                    ordered.Add(file.Value.Path);
                }
            }

            return ordered;
        }

        /// <summary>Oldest first: numbered (highest number first), dated (earliest first), the current file last.</summary>
        private static int Compare(RotatedFile a, RotatedFile b)
        {
            if (a.Kind != b.Kind)
            {
                return a.Kind.CompareTo(b.Kind);
            }

            switch (a.Kind)
            {
                case NameKind.Numbered:
                    return b.Number.CompareTo(a.Number);
                case NameKind.Dated:
                    int byPeriod = string.CompareOrdinal(a.Period, b.Period);
                    return byPeriod != 0 ? byPeriod : a.Number.CompareTo(b.Number);
                default:
                    return 0;
            }
        }

        private static RotatedFile Parse(string path)
        {
            string name = Path.GetFileName(path);
            Match match = RotatedName.Match(name);
            if (!match.Success)
            {
                return new RotatedFile { Path = path, BaseName = name, Kind = NameKind.Current };
            }

            var file = new RotatedFile { Path = path, BaseName = match.Groups["base"].Value };
            if (match.Groups["n"].Success)
            {
                file.Kind = NameKind.Numbered;
                file.Number = int.Parse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else
            {
                file.Kind = NameKind.Dated;
                file.Period = Digits(match.Groups["p"].Value);
                file.Number = match.Groups["pn"].Success ? int.Parse(match.Groups["pn"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            }

            return file;
        }

        // A period's digits alone, so Python's 2026-12-04_21 and logrotate's 2026120421 compare as times.
        private static string Digits(string period)
        {
            var digits = new System.Text.StringBuilder(period.Length);
            foreach (char c in period)
            {
                if (c >= '0' && c <= '9')
                {
                    digits.Append(c);
                }
            }

            return digits.ToString();
        }

        // Declared in reading order: numbered files are read before dated ones, and the current file last.
        private enum NameKind
        {
            Numbered,
            Dated,
            Current,
        }

        private sealed class RotatedFile
        {
            public string Path;
            public string BaseName;
            public NameKind Kind;
            public int Number;
            public string Period;
        }
    }
}
