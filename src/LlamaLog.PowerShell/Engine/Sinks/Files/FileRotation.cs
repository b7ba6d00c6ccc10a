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
    /// file's length is kept from this sink's own writes and read from the file (lseek) only when other writers
    /// may have grown it. A writer that may not be alone reads the length before every record: for its next
    /// 10,000 records after it opens a path another sink has opened before, after another sink opens the path
    /// (<see cref="PathOpenCounter"/>, one memory read per record), or after a read finds bytes it did not write.
    /// Otherwise each read that finds only its own bytes puts the next one twice as many records later, up to 64.
    /// Before deciding to rotate it always reads. On top of that, every rotating writer counts its records in the
    /// sidecar (<see cref="PathOpenCounter.Appends"/>): a writer whose own count is not the whole count reads the
    /// length at its next record. So each writer sees every other writer's record before its next check, and a
    /// file exceeds the size by at most the one record each writer may append between its check and another's
    /// write. The growing interval remains only for bytes that no LlamaLog writer counted (another program).
    /// </remarks>
    internal sealed class FileRotation : IDisposable
    {
        private const int LongestRefreshInterval = 64;
        private const int RecordsOnWatch = 10000;
        private readonly RollingPolicy policy;
        private readonly RotatedFileSet set;
        private readonly RotationLock rotationLock;
        private readonly Func<AppendOnlyFile> open;
        private readonly PathOpenCounter openCounter;
        private long openCount;
        private long appendsSeen;
        private bool othersAppended;
        private int watchful;
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
            if (policy.MaxSize > 0)
            {
                openCounter = PathOpenCounter.TryOpen(RotationLock.SidecarPath(fullPath));
                if (openCounter != null)
                {
                    // Someone opened the path before: they may still be writing.
                    watchful = openCounter.Join() > 0 ? RecordsOnWatch : 0;
                    openCount = openCounter.Value;
                }
            }
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

            if (openCounter != null && openCounter.Value != openCount)
            {
                openCount = openCounter.Value;
                watchful = RecordsOnWatch;
                refreshInterval = 1;
            }

            bool othersWrote = othersAppended || (openCounter != null && openCounter.Appends != appendsSeen);
            if (!othersWrote && size + count <= policy.MaxSize && ++sinceRefresh < refreshInterval)
            {
                return false;
            }

            if (openCounter != null)
            {
                // Read before the length: a record counted after this read is seen at the next check.
                appendsSeen = openCounter.Appends;
                othersAppended = false;
            }

            long actual = file.Length();
            if (actual != size)
            {
                watchful = RecordsOnWatch;
                refreshInterval = 1;
            }
            else if (watchful > 0)
            {
                watchful--;
            }
            else
            {
                refreshInterval = Math.Min(refreshInterval * 2, LongestRefreshInterval);
            }

            sinceRefresh = 0;
            size = actual;
            return size > 0 && size + count > policy.MaxSize;
        }

        /// <summary>Counts bytes this sink appended, and the record in the path's shared count.</summary>
        public void Appended(int count)
        {
            size += count;
            if (openCounter != null)
            {
                // Anything but our own increment since the last one is another writer's record.
                long now = openCounter.CountAppend();
                othersAppended |= now != appendsSeen + 1;
                appendsSeen = now;
            }
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
            openCounter?.Dispose();
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
