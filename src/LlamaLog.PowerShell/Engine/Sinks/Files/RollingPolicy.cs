using System;
using System.Globalization;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// When the log file is rotated and how many rotated files are kept: by size (<see cref="MaxSize"/>), by local
    /// time (<see cref="Interval"/>), or both, with the rotated files optionally gzip-compressed. Immutable and
    /// compared by value: a setup with the same policy keeps the open file sink, another policy opens a new one.
    /// </summary>
    public sealed class RollingPolicy : IEquatable<RollingPolicy>
    {
        /// <summary>The default number of rotated files kept.</summary>
        public const int DefaultMaxFiles = 7;

        /// <summary>No rotation: the file grows without end (or until logrotate moves it).</summary>
        public static readonly RollingPolicy None = new RollingPolicy(0, DefaultMaxFiles, RollInterval.None, false);

        /// <param name="maxSize">Rotate before a record would take a non-empty file past this many bytes; 0 for no size limit.</param>
        /// <param name="maxFiles">Rotated files kept; 0 keeps all.</param>
        /// <param name="interval">Rotate when the local hour or day of the file's records is over.</param>
        /// <param name="compress">Gzip rotated files, off the writer's thread.</param>
        public RollingPolicy(long maxSize, int maxFiles, RollInterval interval, bool compress)
        {
            if (maxSize < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxSize), "The maximum size cannot be negative.");
            }

            if (maxFiles < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxFiles), "The number of files kept cannot be negative.");
            }

            MaxSize = maxSize;
            MaxFiles = maxFiles;
            Interval = interval;
            Compress = compress;
        }

        public long MaxSize { get; }

        public int MaxFiles { get; }

        public RollInterval Interval { get; }

        public bool Compress { get; }

        /// <summary>Whether the file is rotated at all.</summary>
        public bool Rotates => MaxSize > 0 || Interval != RollInterval.None;

        /// <summary>The start of the local hour or day that holds <paramref name="localTime"/>.</summary>
        public DateTime PeriodStart(DateTime localTime)
        {
            return Interval == RollInterval.Hour
                ? new DateTime(localTime.Year, localTime.Month, localTime.Day, localTime.Hour, 0, 0, DateTimeKind.Local)
                : new DateTime(localTime.Year, localTime.Month, localTime.Day, 0, 0, 0, DateTimeKind.Local);
        }

        /// <summary>The start of the period after the one starting at <paramref name="periodStart"/>.</summary>
        public DateTime NextPeriodStart(DateTime periodStart)
        {
            return Interval == RollInterval.Hour ? periodStart.AddHours(1) : periodStart.AddDays(1);
        }

        /// <summary>The period's part of a rotated file's name: 2026-12-04 (Day) or 2026-12-04_21 (Hour), as Python's TimedRotatingFileHandler.</summary>
        public string PeriodName(DateTime periodStart)
        {
            return periodStart.ToString(Interval == RollInterval.Hour ? "yyyy-MM-dd_HH" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        public bool Equals(RollingPolicy other)
        {
            return other != null && MaxSize == other.MaxSize && MaxFiles == other.MaxFiles && Interval == other.Interval && Compress == other.Compress;
        }

        public override bool Equals(object obj) => Equals(obj as RollingPolicy);

        public override int GetHashCode()
        {
            return MaxSize.GetHashCode() ^ (MaxFiles * 397) ^ ((int)Interval << 20) ^ (Compress ? 1 << 24 : 0);
        }
    }
}
