using System;
using System.Text;
using System.Threading;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Two counters at the start of the rotation lock's sidecar, mapped shared into every rotating writer of a log
    /// path, across processes: how many sinks have ever opened the path, and how many records they have appended
    /// to it. A writer learns that another one joined, or wrote, with one memory read per record instead of a
    /// system call. Linux x86-64 and arm64 only; elsewhere <see cref="TryOpen"/> gives null and writers find each
    /// other by the file's length alone.
    /// </summary>
    internal sealed unsafe class PathOpenCounter : IDisposable
    {
        private const int Length = 4096;
        private const int ProtectReadWrite = 0x1 | 0x2;
        private const int MapShared = 0x01;
        private IntPtr mapping;

        private PathOpenCounter(IntPtr mapping)
        {
            this.mapping = mapping;
        }

        /// <summary>The counter now (the number of sinks opened so far).</summary>
        public long Value => Volatile.Read(ref *(long*)mapping);

        /// <summary>Maps the sidecar's counter, or null where it cannot (another OS, an unwritable folder).</summary>
        public static PathOpenCounter TryOpen(string sidecarPath)
        {
            if (!LinuxLibc.IsSupportedTarget)
            {
                return null;
            }

            byte[] native = Encoding.UTF8.GetBytes(sidecarPath + "\0");
            int fd = LinuxLibc.open(native, 0x0002 | 0x0040 | 0x80000, 0x1B6);
            if (fd < 0)
            {
                return null;
            }

            try
            {
                // Growing to the page is harmless when it is that long already; never shrunk, so no mapping faults.
                if (LinuxLibc.lseek(fd, 0, 2) < Length && LinuxLibc.ftruncate(fd, Length) != 0)
                {
                    return null;
                }

                IntPtr address = LinuxLibc.mmap(IntPtr.Zero, (UIntPtr)Length, ProtectReadWrite, MapShared, fd, 0);
                return address == new IntPtr(-1) ? null : new PathOpenCounter(address);
            }
            finally
            {
                // The mapping outlives the descriptor.
                LinuxLibc.close(fd);
            }
        }

        /// <summary>How many records the path's rotating writers have appended so far.</summary>
        public long Appends => Volatile.Read(ref *((long*)mapping + 1));

        /// <summary>Counts one appended record; returns the count with it.</summary>
        public long CountAppend()
        {
            return Interlocked.Increment(ref *((long*)mapping + 1));
        }

        /// <summary>Counts this sink in; returns the count before it (0: no sink ever opened the path before).</summary>
        public long Join()
        {
            return Interlocked.Increment(ref *(long*)mapping) - 1;
        }

        public void Dispose()
        {
            IntPtr address = mapping;
            mapping = IntPtr.Zero;
            if (address != IntPtr.Zero)
            {
                LinuxLibc.munmap(address, (UIntPtr)Length);
            }
        }
    }
}
