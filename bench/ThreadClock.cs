// Compiled with EngineLoops.cs into the Bench's support assembly (Invoke-Benchmarks.ps1 does it once per run).
using System;
using System.Runtime.InteropServices;

namespace LlamaLogBench
{
    /// <summary>
    /// The CPU time of the calling thread (user + system), in nanoseconds, from clock_gettime: unlike the wall
    /// clock it does not advance while other processes have the cores, so a Bench on a shared machine still
    /// measures the code. Precise to the nanosecond, where /proc's per-thread figures move only at scheduler ticks.
    /// </summary>
    public static class ThreadClock
    {
        private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        public static bool IsSupported => IsLinux || IsMac;

        /// <summary>Nanoseconds of CPU time this thread has used; -1 where the platform has no such clock here.</summary>
        public static long Nanoseconds()
        {
            Timespec time;
            int result;
            if (IsLinux)
            {
                result = LinuxLibc.clock_gettime(3, out time); // CLOCK_THREAD_CPUTIME_ID
            }
            else if (IsMac)
            {
                result = MacLibc.clock_gettime(16, out time); // CLOCK_THREAD_CPUTIME_ID
            }
            else
            {
                return -1;
            }

            return result == 0 ? time.Seconds * 1000000000L + time.Nanoseconds : -1;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        private static class LinuxLibc
        {
            [DllImport("libc.so.6")]
            public static extern int clock_gettime(int clock, out Timespec time);
        }

        private static class MacLibc
        {
            [DllImport("libc")]
            public static extern int clock_gettime(int clock, out Timespec time);
        }
    }
}
