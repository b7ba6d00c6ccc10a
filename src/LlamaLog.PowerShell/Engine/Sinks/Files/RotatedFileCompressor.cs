using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Gzips rotated files on one background thread, so no writer waits for it. Each file is written to
    /// <c>X.gz.tmp</c> (held open exclusively, so others can tell a live one from one a killed process left), then,
    /// under the rotation lock, renamed to <c>X.gz</c> and <c>X</c> deleted: a <c>.gz</c> is never half written, and
    /// a kill at any point leaves <c>X</c> whole (the next rotation compresses it again, or deletes it beside a
    /// finished <c>.gz</c>). At process exit the file in progress is finished, waiting at most a few seconds.
    /// </summary>
    internal static class RotatedFileCompressor
    {
        private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);
        private static readonly object Gate = new object();
        private static readonly Queue<KeyValuePair<RotatedFileSet, string>> Jobs = new Queue<KeyValuePair<RotatedFileSet, string>>();
        // Queued, not yet started: a file rotated again under the same name while one is being compressed is queued anew.
        private static readonly HashSet<string> Queued = new HashSet<string>(StringComparer.Ordinal);
        private static bool running;
        private static Thread worker;

        /// <summary>Queues <paramref name="source"/>, a rotated file of <paramref name="set"/>, unless it is queued already.</summary>
        public static void Queue(RotatedFileSet set, string source)
        {
            lock (Gate)
            {
                if (!Queued.Add(source))
                {
                    return;
                }

                Jobs.Enqueue(new KeyValuePair<RotatedFileSet, string>(set, source));
                if (worker == null)
                {
                    worker = new Thread(Work) { IsBackground = true, Name = "LlamaLog gzip" };
                    AppDomain.CurrentDomain.ProcessExit += (sender, e) => WaitIdle(ExitWait);
                    worker.Start();
                }

                Monitor.PulseAll(Gate);
            }
        }

        /// <summary>Waits until every queued file is compressed, or <paramref name="timeout"/> has passed; true when none is left.</summary>
        public static bool WaitIdle(TimeSpan timeout)
        {
            DateTime end = DateTime.UtcNow + timeout;
            lock (Gate)
            {
                while (Jobs.Count > 0 || running)
                {
                    TimeSpan left = end - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(Gate, left))
                    {
                        return Jobs.Count == 0 && !running;
                    }
                }

                return true;
            }
        }

        /// <summary>Deletes a <c>.gz.tmp</c> that no live compressor holds (its process was killed); leaves a live one alone.</summary>
        public static void DeleteIfAbandoned(string temporary)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix in .NET: it fails while a live compressor holds the file.
                using (new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    File.Delete(temporary);
                }
            }
            catch (Exception e) when (FileSink.IsFileFault(e))
            {
                // Held by a live compressor, or gone already.
            }
        }

        private static void Work()
        {
            while (true)
            {
                KeyValuePair<RotatedFileSet, string> job;
                lock (Gate)
                {
                    while (Jobs.Count == 0)
                    {
                        Monitor.Wait(Gate);
                    }

                    job = Jobs.Dequeue();
                    Queued.Remove(job.Value);
                    running = true;
                }

                try
                {
                    Compress(job.Key, job.Value);
                }
                catch (Exception)
                {
                    // Whatever went wrong, the source stays whole and uncompressed and the next rotation queues it
                    // again; an exception escaping this thread would end the process.
                }
                finally
                {
                    lock (Gate)
                    {
                        running = false;
                        Monitor.PulseAll(Gate);
                    }
                }
            }
        }

        private static void Compress(RotatedFileSet set, string source)
        {
            string temporary = source + ".gz.tmp";
            FileStream input;
            try
            {
                input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                // Compressed by another process, or deleted by retention, since it was queued.
                return;
            }

            using (input)
            {
                FileIdentity identity = FileIdentity.Of(input);
                FileStream output;
                try
                {
                    // Not FileMode.Create: that truncates before the lock is tried, and a live compressor's file with it.
                    output = new FileStream(temporary, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    output.SetLength(0);
                }
                catch (IOException)
                {
                    // Another process is compressing it now.
                    return;
                }

                bool finished = false;
                try
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, true))
                    {
                        input.CopyTo(gzip, 81920);
                    }

                    output.Flush();
                    finished = Publish(set, identity, temporary);
                }
                finally
                {
                    // Deleted while still held, so no other process can take an abandoned-looking file for its own.
                    if (!finished)
                    {
                        TryDelete(temporary);
                    }

                    output.Dispose();
                }
            }
        }

        // Under the lock: the source may have moved (size rotations number the files up) or gone since the start.
        private static bool Publish(RotatedFileSet set, FileIdentity identity, string temporary)
        {
            using (RotationLock rotationLock = RotationLock.For(set.FullPath))
            {
                rotationLock.Enter();
                try
                {
                    string current = null;
                    foreach (string candidate in set.PlainFiles())
                    {
                        if (identity.Matches(candidate))
                        {
                            current = candidate;
                            break;
                        }
                    }

                    if (current == null || File.Exists(current + ".gz"))
                    {
                        return false;
                    }

                    RotatedFileSet.Rename(temporary, current + ".gz");
                    File.Delete(current);
                    return true;
                }
                finally
                {
                    rotationLock.Exit();
                }
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
                // Left for the next rotation's repair.
            }
        }
    }
}
