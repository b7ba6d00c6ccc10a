using System;
using System.Runtime.InteropServices;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// The glibc calls the Linux file sink makes (UnixAppendFile, LinuxStat, PathChangeWatch, UnixRotationLock, PathOpenCounter), declared once, with
    /// SetLastError so a caller can read errno after a failure; ioctl without, as the per-record call: its one
    /// caller falls back to read(2) on failure and takes that call's error.
    /// </summary>
    internal static class LinuxLibc
    {
        private const string Library = "libc.so.6";

        /// <summary>
        /// Linux on x86-64 or arm64: the only targets whose struct layouts (stat, statfs) and ioctl request numbers
        /// the callers assume.
        /// </summary>
        public static readonly bool IsSupportedTarget = RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            && (RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.Arm64);

        [DllImport(Library, SetLastError = true)]
        public static extern int open(byte[] path, int flags, int mode);

        [DllImport(Library, SetLastError = true)]
        public static extern unsafe IntPtr write(int fd, byte* buffer, IntPtr count);

        [DllImport(Library, SetLastError = true)]
        public static extern unsafe IntPtr read(int fd, byte* buffer, IntPtr count);

        [DllImport(Library, SetLastError = true)]
        public static extern long lseek(int fd, long offset, int whence);

        [DllImport(Library, SetLastError = true)]
        public static extern int close(int fd);

        [DllImport(Library, SetLastError = true)]
        public static extern int flock(int fd, int operation);

        [DllImport(Library, SetLastError = true)]
        public static extern int rename(byte[] oldPath, byte[] newPath);

        [DllImport(Library, SetLastError = true)]
        public static extern int ftruncate(int fd, long length);

        [DllImport(Library, SetLastError = true)]
        public static extern IntPtr mmap(IntPtr address, UIntPtr length, int protection, int flags, int fd, long offset);

        [DllImport(Library, SetLastError = true)]
        public static extern int munmap(IntPtr address, UIntPtr length);

        [DllImport(Library)]
        public static extern unsafe int ioctl(int fd, ulong request, int* result);

        [DllImport(Library, SetLastError = true)]
        public static extern unsafe int stat(byte[] path, byte* buffer);

        [DllImport(Library, SetLastError = true)]
        public static extern unsafe int fstat(int descriptor, byte* buffer);

        [DllImport(Library, SetLastError = true)]
        public static extern unsafe int fstatfs(int fd, byte* buffer);

        [DllImport(Library, SetLastError = true)]
        public static extern int inotify_init1(int flags);

        [DllImport(Library, SetLastError = true)]
        public static extern int inotify_add_watch(int fd, byte[] path, uint mask);
    }
}
