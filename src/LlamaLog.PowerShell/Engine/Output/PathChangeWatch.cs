using System;
using System.Runtime.InteropServices;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// Tells, without touching the path, whether anything may have renamed, deleted or replaced a log file since
    /// the last ask: a Linux inotify watch on the file (moved, links changed, deleted) and on its folder (moved,
    /// deleted). The kernel queues these events inside the rename or unlink call itself, so a record written
    /// after such a call returns always sees it. Asking costs one non-blocking read(2) that finds nothing; a
    /// stat of the path interleaved with appends to the same file costs several times more on Linux.
    /// </summary>
    internal sealed class PathChangeWatch : IDisposable
    {
        private const int InNonBlock = 0x800;
        private const int InCloseOnExec = 0x80000;
        private const uint InAttrib = 0x4;
        private const uint InMoveSelf = 0x800;
        private const uint InDeleteSelf = 0x400;
        private const int EAGAIN = 11;
        private const int EINTR = 4;
        private const int EventBufferSize = 4096;

        // A field, not stackalloc: zeroing 4 KB on the stack at every ask would cost more than the read.
        private readonly byte[] events = new byte[EventBufferSize];
        private int descriptor;

        // True until the first ask: the file may have moved between its open and the watch.
        private bool changedSinceOpen = true;

        private PathChangeWatch(int descriptor)
        {
            this.descriptor = descriptor;
        }

        /// <summary>A watch on the file and its folder, or null where inotify is missing or out of watches.</summary>
        public static PathChangeWatch TryStart(byte[] nativeFilePath, byte[] nativeFolderPath)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return null;
            }

            int fd;
            try
            {
                fd = inotify_init1(InNonBlock | InCloseOnExec);
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }

            if (fd < 0)
            {
                return null;
            }

            if (inotify_add_watch(fd, nativeFilePath, InMoveSelf | InAttrib | InDeleteSelf) < 0
                || inotify_add_watch(fd, nativeFolderPath, InMoveSelf | InDeleteSelf) < 0)
            {
                close(fd);
                return null;
            }

            return new PathChangeWatch(fd);
        }

        /// <summary>
        /// Whether something happened to the file or its folder since the last ask (or the watch failed): then
        /// the caller checks the path itself. Events are drained, so one change answers true once.
        /// </summary>
        public unsafe bool Changed()
        {
            bool changed = changedSinceOpen;
            changedSinceOpen = false;
            if (descriptor < 0)
            {
                return true;
            }

            while (true)
            {
                long count;
                fixed (byte* buffer = events)
                {
                    count = (long)read(descriptor, buffer, (IntPtr)EventBufferSize);
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
                close(fd);
            }
        }

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_init1(int flags);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int inotify_add_watch(int fd, byte[] path, uint mask);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern unsafe IntPtr read(int fd, byte* buffer, IntPtr count);

        [DllImport("libc.so.6", SetLastError = true)]
        private static extern int close(int fd);
    }
}
