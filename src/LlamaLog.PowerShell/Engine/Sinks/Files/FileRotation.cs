using System;
using System.IO;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// One file sink's side of rotation: whether the record about to be written is due to go to a new file, and
    /// the rotation itself. Called under the sink's lock, so not thread-safe on its own.
    /// </summary>
    /// <remarks>
    /// The size check must cost next to nothing per record, and a system call costs about 0.2 µs here, so the
    /// file's length is kept from this sink's own writes and read from the file (lseek) only now and then: after
    /// every read that finds nobody else wrote, the next read comes twice as many records later (up to 64); a read
    /// that finds other writers' bytes makes it every record again. Before deciding to rotate it always reads. So a
    /// lone writer is exact, and each of many writers is exact once it has seen the others write.
    /// </remarks>
    internal sealed class FileRotation : IDisposable
    {
        private const int LongestRefreshInterval = 64;
        private readonly RollingPolicy policy;
        private readonly RotatedFileSet set;
        private readonly RotationLock rotationLock;
        private readonly Func<AppendOnlyFile> open;
        private long size;
        private int refreshInterval = 1;
        private int sinceRefresh;
        private DateTime periodStart;
        private DateTime periodEndUtc = DateTime.MaxValue;

        public FileRotation(string fullPath, RollingPolicy policy, Func<AppendOnlyFile> open)
        {
            this.policy = policy;
            this.open = open;
            set = new RotatedFileSet(fullPath, policy);
            rotationLock = RotationLock.For(fullPath);
        }

        /// <summary>Takes note of a file just opened at the path: its length, and the period its records belong to.</summary>
        public void Opened(AppendOnlyFile file)
        {
            size = file.Length();
            refreshInterval = 1;
            sinceRefresh = 0;
            if (policy.Interval != RollInterval.None)
            {
                // A file with records holds the period of its last one (as Python's handler reads its mtime).
                DateTime time = size > 0 ? File.GetLastWriteTime(file.Path) : DateTime.Now;
                periodStart = policy.PeriodStart(time);
                periodEndUtc = policy.NextPeriodStart(periodStart).ToUniversalTime();
            }
        }

        /// <summary>Whether a record of <paramref name="count"/> bytes must go to a new file: its period is over, or it would take the file past the size.</summary>
        public bool IsDue(AppendOnlyFile file, int count)
        {
            if (periodEndUtc != DateTime.MaxValue && DateTime.UtcNow >= periodEndUtc)
            {
                return true;
            }

            if (policy.MaxSize == 0)
            {
                return false;
            }

            if (size + count <= policy.MaxSize && ++sinceRefresh < refreshInterval)
            {
                return false;
            }

            long actual = file.Length();
            refreshInterval = actual == size ? Math.Min(refreshInterval * 2, LongestRefreshInterval) : 1;
            sinceRefresh = 0;
            size = actual;
            return size > 0 && size + count > policy.MaxSize;
        }

        /// <summary>Counts bytes this sink appended.</summary>
        public void Appended(int count)
        {
            size += count;
        }

        /// <summary>
        /// Rotates under the path's lock, unless another writer has done it since <see cref="IsDue"/>: the path
        /// must still name <paramref name="file"/> (device and inode on Linux), and the file must still be due
        /// and not empty. Then the current file is renamed to its rotated name and the path opened anew; either
        /// way <paramref name="file"/> ends as the file now at the path. Throws the file system's faults.
        /// </summary>
        public void Rotate(ref AppendOnlyFile file, int count)
        {
            rotationLock.Enter();
            try
            {
                if (!file.PathNamesThisFile())
                {
                    // Another writer rotated it (or logrotate moved it): write to the file now at the path.
                    Reopen(ref file);
                    return;
                }

                size = file.Length();
                bool periodOver = periodEndUtc != DateTime.MaxValue && DateTime.UtcNow >= periodEndUtc;
                bool tooBig = policy.MaxSize > 0 && size + count > policy.MaxSize;
                if (size == 0 || !(periodOver || tooBig))
                {
                    if (periodOver)
                    {
                        // An empty file starts the new period where it is.
                        Opened(file);
                    }

                    return;
                }

                set.FinishInterrupted();
                set.MoveCurrent(periodStart);
                Reopen(ref file);
                set.DeleteBeyondLimit();
                if (policy.Compress)
                {
                    // The file just rotated, and any a killed compressor left uncompressed.
                    foreach (string plain in set.PlainFiles())
                    {
                        RotatedFileCompressor.Queue(set, plain);
                    }
                }
            }
            finally
            {
                rotationLock.Exit();
            }
        }

        public void Dispose()
        {
            rotationLock.Dispose();
        }

        private void Reopen(ref AppendOnlyFile file)
        {
            file.Dispose();
            file = null;
            file = open();
            Opened(file);
        }
    }
}
