using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// flock(2) on a sidecar file. The sidecar is opened at each <see cref="Enter"/> and closed at
    /// <see cref="Exit"/>: no descriptor is kept between rotations, and flock locks belong to the open file, so two
    /// sinks of one process exclude each other as two processes do.
    /// </summary>
    internal sealed class UnixRotationLock : RotationLock
    {
        private const int LockExclusive = 2;
        private const int EINTR = 4;
        private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        private readonly string path;
        private readonly byte[] nativePath;
        private int descriptor = -1;

        public UnixRotationLock(string sidecarPath)
        {
            path = sidecarPath;
            nativePath = Encoding.UTF8.GetBytes(sidecarPath + "\0");
        }

        public override void Enter()
        {
            // Read-write, create, close-on-exec.
            int flags = IsMac ? (0x0002 | 0x0200 | 0x1000000) : (0x0002 | 0x0040 | 0x80000);
            int fd;
            do
            {
                fd = IsMac ? MacLibc.open(nativePath, flags, 0x1B6) : LinuxLibc.open(nativePath, flags, 0x1B6);
            }
            while (fd < 0 && Marshal.GetLastWin32Error() == EINTR);

            if (fd < 0)
            {
                throw ErrorFor(Marshal.GetLastWin32Error());
            }

            int result;
            do
            {
                result = IsMac ? MacLibc.flock(fd, LockExclusive) : LinuxLibc.flock(fd, LockExclusive);
            }
            while (result != 0 && Marshal.GetLastWin32Error() == EINTR);

            if (result != 0)
            {
                int error = Marshal.GetLastWin32Error();
                Close(fd);
                throw ErrorFor(error);
            }

            descriptor = fd;
        }

        public override void Exit()
        {
            int fd = descriptor;
            descriptor = -1;
            if (fd >= 0)
            {
                // Closing the only descriptor of the open file releases the lock.
                Close(fd);
            }
        }

        public override void Dispose() => Exit();

        private static void Close(int fd)
        {
            if (IsMac)
            {
                MacLibc.close(fd);
            }
            else
            {
                LinuxLibc.close(fd);
            }
        }

        private IOException ErrorFor(int errno)
        {
            return new IOException("Cannot take the rotation lock '" + path + "': " + new Win32Exception(errno).Message
                + " (errno " + errno.ToString(CultureInfo.InvariantCulture) + ").", errno);
        }

        private static class MacLibc
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int open(byte[] path, int flags, int mode);

            [DllImport("libc", SetLastError = true)]
            public static extern int flock(int fd, int operation);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);
        }
    }
}
