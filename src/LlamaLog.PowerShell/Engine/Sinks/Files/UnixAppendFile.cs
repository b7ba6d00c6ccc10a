using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Unix append through libc: .NET's FileMode.Append tracks the end itself instead of using O_APPEND, so
    /// two processes appending to one file would overwrite each other's lines. With O_APPEND each write(2)
    /// lands whole at the true end of the file.
    /// </summary>
    internal sealed class UnixAppendFile : AppendOnlyFile
    {
        private const int EINTR = 4;
        private const int SeekEnd = 2;
        private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        private readonly byte[] nativePath;
        private int descriptor;

        // The identity (device, inode) of the file behind the descriptor, when libc's stat can tell it.
        private readonly bool knowsIdentity;
        private readonly long device;
        private readonly long inode;

        // Linux: says when the path needs that stat at all (see PathChangeWatch); null where it cannot.
        private readonly PathChangeWatch watch;

        public UnixAppendFile(string path)
            : base(path)
        {
            int flags = IsMac ? (0x0001 | 0x0008 | 0x0200 | 0x1000000) : (0x0001 | 0x0400 | 0x0040 | 0x80000);
            // The path as NUL-terminated UTF-8, what the kernel takes on every Unix.
            byte[] native = System.Text.Encoding.UTF8.GetBytes(path + "\0");
            nativePath = native;
            int fd;
            do
            {
                fd = IsMac ? MacLibc.open(native, flags, 0x1B6) : LinuxLibc.open(native, flags, 0x1B6);
            }
            while (fd < 0 && Marshal.GetLastWin32Error() == EINTR);

            if (fd < 0)
            {
                throw ErrorFor(Marshal.GetLastWin32Error(), path);
            }

            descriptor = fd;
            knowsIdentity = !IsMac && LinuxStat.TryIdentity(fd, out device, out inode);
            if (knowsIdentity)
            {
                watch = PathChangeWatch.TryStart(path, native, fd);
            }
        }

        public override unsafe void Append(byte[] buffer, int count)
        {
            int offset = 0;
            fixed (byte* start = buffer)
            {
                while (offset < count)
                {
                    long written = IsMac
                        ? (long)MacLibc.write(descriptor, start + offset, (IntPtr)(count - offset))
                        : (long)LinuxLibc.write(descriptor, start + offset, (IntPtr)(count - offset));
                    if (written < 0)
                    {
                        int error = Marshal.GetLastWin32Error();
                        if (error == EINTR)
                        {
                            continue;
                        }

                        throw ErrorFor(error, Path);
                    }

                    offset += (int)written;
                }
            }
        }

        public override bool StillAtPath()
        {
            if (watch != null && !watch.Changed())
            {
                return true;
            }

            return PathNamesThisFile();
        }

        public override bool PathNamesThisFile()
        {
            if (knowsIdentity)
            {
                // One stat of the path against the inode we hold: exact, whatever other processes append.
                return LinuxStat.TryIdentity(nativePath, out long pathDevice, out long pathInode) && pathDevice == device && pathInode == inode;
            }

            // The size of the file behind our descriptor against the size of the file at the path: a rotated or
            // deleted file differs. Another process appending between the two looks the same and costs one reopen.
            long ours = IsMac ? MacLibc.lseek(descriptor, 0, SeekEnd) : LinuxLibc.lseek(descriptor, 0, SeekEnd);
            var info = new FileInfo(Path);
            return info.Exists && ours >= 0 && info.Length == ours;
        }

        public override long Length()
        {
            long end = IsMac ? MacLibc.lseek(descriptor, 0, SeekEnd) : LinuxLibc.lseek(descriptor, 0, SeekEnd);
            if (end < 0)
            {
                throw ErrorFor(Marshal.GetLastWin32Error(), Path);
            }

            return end;
        }

        public override void Dispose()
        {
            watch?.Dispose();
            int fd = descriptor;
            descriptor = -1;
            if (fd >= 0)
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
        }

        private static IOException ErrorFor(int errno, string path)
        {
            string reason = new Win32Exception(errno).Message;
            return new IOException(reason + " (errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture) + "): '" + path + "'", errno);
        }

        private static class MacLibc
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int open(byte[] path, int flags, int mode);

            [DllImport("libc", SetLastError = true)]
            public static extern unsafe IntPtr write(int fd, byte* buffer, IntPtr count);

            [DllImport("libc", SetLastError = true)]
            public static extern long lseek(int fd, long offset, int whence);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);
        }
    }
}
