using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Tells, without touching the path, whether anything may have renamed, deleted or replaced a log file since
    /// the last ask: a Linux inotify watch on the file (moved, links changed, deleted) and on every folder above
    /// it (moved, deleted). The kernel queues these events inside the rename or unlink call itself, so a record
    /// written after such a call returns always sees it. Asking costs one ioctl(2) that finds no event queued
    /// (cheaper than a read(2) that finds none); a stat of the path interleaved with appends to the same file
    /// costs several times more on Linux.
    /// </summary>
    /// <remarks>
    /// inotify only sees what happens on this machine's kernel to the inodes it watches. So there is no watch
    /// (and the caller stats every record) when a component of the path is a symbolic link, which can be
    /// re-pointed without touching a watched inode, or when the file is on a file system outside a list of
    /// local ones: on NFS, SMB, FUSE or virtiofs another machine can rename the file without a local event.
    /// </remarks>
    internal sealed class PathChangeWatch : IDisposable
    {
        private const int InNonBlock = 0x800;
        private const int InCloseOnExec = 0x80000;
        private const uint InAttrib = 0x4;
        private const uint InMoveSelf = 0x800;
        private const uint InDeleteSelf = 0x400;
        private const int EAGAIN = 11;
        private const ulong FIONREAD = 0x541B; // x86-64 and arm64 (TryStart watches nowhere else)
        private const int EINTR = 4;
        private const int EventBufferSize = 4096;
        private const int StatfsBufferSize = 256;

        // statfs f_type of the local file systems whose changes all go through this kernel.
        private static readonly long[] LocalFileSystems =
        {
            0xEF53,     // ext2, ext3, ext4
            0x58465342, // xfs
            0x9123683E, // btrfs
            0x01021994, // tmpfs
            0xF2F52010, // f2fs
            0x794C7630, // overlayfs (container images)
            0x2FC12FC1, // zfs
        };

        // A field, not stackalloc: zeroing 4 KB on the stack at every ask would cost more than the read.
        private readonly byte[] events = new byte[EventBufferSize];
        private int descriptor;

        // True until the first ask: the file may have moved between its open and the watch.
        private bool changedSinceOpen = true;

        private PathChangeWatch(int descriptor)
        {
            this.descriptor = descriptor;
        }

        /// <summary>
        /// A watch on the file open as <paramref name="fileDescriptor"/> at <paramref name="fullPath"/> (also given
        /// as the NUL-terminated UTF-8 the kernel takes) and on the folders above it; null where a watch could miss
        /// a change (see remarks), or inotify is missing or out of watches.
        /// </summary>
        public static PathChangeWatch TryStart(string fullPath, byte[] nativeFullPath, int fileDescriptor)
        {
            // The FIONREAD number, the ioctl request type and the statfs layout are those of the supported targets.
            if (!LinuxLibc.IsSupportedTarget || !IsOnLocalFileSystem(fileDescriptor) || HasLinkInPath(fullPath))
            {
                return null;
            }

            int fd;
            try
            {
                fd = LinuxLibc.inotify_init1(InNonBlock | InCloseOnExec);
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }

            if (fd < 0)
            {
                return null;
            }

            bool watched = LinuxLibc.inotify_add_watch(fd, nativeFullPath, InMoveSelf | InAttrib | InDeleteSelf) >= 0;
            for (string folder = Path.GetDirectoryName(fullPath); watched && !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            {
                watched = LinuxLibc.inotify_add_watch(fd, Native(folder), InMoveSelf | InDeleteSelf) >= 0;
            }

            if (!watched)
            {
                LinuxLibc.close(fd);
                return null;
            }

            return new PathChangeWatch(fd);
        }

        /// <summary>
        /// Whether something happened to the file or a folder above it since the last ask (or the watch failed):
        /// then the caller checks the path itself. Events are drained, so one change answers true once.
        /// </summary>
        public unsafe bool Changed()
        {
            bool changed = changedSinceOpen;
            changedSinceOpen = false;
            if (descriptor < 0)
            {
                return true;
            }

            // The common case, nothing queued: one ioctl. Anything else (events, an error) goes to the reads below.
            int queued;
            if (LinuxLibc.ioctl(descriptor, FIONREAD, &queued) == 0 && queued == 0)
            {
                return changed;
            }

            while (true)
            {
                long count;
                fixed (byte* buffer = events)
                {
                    count = (long)LinuxLibc.read(descriptor, buffer, (IntPtr)EventBufferSize);
                }

                if (count > 0)
                {
                    changed = true;
                    continue;
                }

                int error = count < 0 ? Marshal.GetLastWin32Error() : 0;
                if (error == EAGAIN)
                {
                    return changed;
                }

                if (error == EINTR)
                {
                    continue;
                }

                // A broken watch can no longer vouch for the path: from now on every ask says "check".
                Dispose();
                return true;
            }
        }

        public void Dispose()
        {
            int fd = descriptor;
            descriptor = -1;
            if (fd >= 0)
            {
                LinuxLibc.close(fd);
            }
        }

        private static byte[] Native(string path) => Encoding.UTF8.GetBytes(path + "\0");

        private static unsafe bool IsOnLocalFileSystem(int fileDescriptor)
        {
            byte* buffer = stackalloc byte[StatfsBufferSize];
            try
            {
                if (LinuxLibc.fstatfs(fileDescriptor, buffer) != 0)
                {
                    return false;
                }
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }

            // f_type is the first field, a long, on x86-64 and arm64 (the only Linux targets LinuxStat reads).
            long type = *(long*)buffer & 0xFFFFFFFFL;
            return Array.IndexOf(LocalFileSystems, type) >= 0;
        }

        private static bool HasLinkInPath(string fullPath)
        {
            try
            {
                for (string part = fullPath; !string.IsNullOrEmpty(part); part = Path.GetDirectoryName(part))
                {
                    // .NET reports a symbolic link on Unix as a reparse point, without following it.
                    if ((File.GetAttributes(part) & FileAttributes.ReparsePoint) != 0)
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                // What cannot be examined cannot be vouched for.
                return true;
            }
        }
    }
}
