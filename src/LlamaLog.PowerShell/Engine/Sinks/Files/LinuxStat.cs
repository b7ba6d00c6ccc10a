using System;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// A file's identity (device and inode) through glibc's <c>stat</c> and <c>fstat</c>. On Linux x86-64 and
    /// arm64 both fields sit at the same offsets of <c>struct stat</c> (0 and 8), so no layout per architecture is
    /// needed; where the calls are missing (glibc before 2.33, another libc) every answer is "unknown".
    /// </summary>
    internal static class LinuxStat
    {
        private const int StatBufferSize = 256;
        private static bool unavailable = !LinuxLibc.IsSupportedTarget;

        /// <summary>The identity of the file at a path given as NUL-terminated UTF-8.</summary>
        public static bool TryIdentity(byte[] nativePath, out long device, out long inode)
        {
            return TryRead(nativePath, -1, out device, out inode);
        }

        /// <summary>The identity of the file behind an open descriptor.</summary>
        public static bool TryIdentity(int descriptor, out long device, out long inode)
        {
            return TryRead(null, descriptor, out device, out inode);
        }

        private static unsafe bool TryRead(byte[] nativePath, int descriptor, out long device, out long inode)
        {
            device = 0;
            inode = 0;
            if (unavailable)
            {
                return false;
            }

            byte* buffer = stackalloc byte[StatBufferSize];
            try
            {
                int result = nativePath != null ? LinuxLibc.stat(nativePath, buffer) : LinuxLibc.fstat(descriptor, buffer);
                if (result != 0)
                {
                    return false;
                }
            }
            catch (EntryPointNotFoundException)
            {
                unavailable = true;
                return false;
            }

            device = *(long*)buffer;
            inode = *(long*)(buffer + 8);
            return true;
        }
    }
}
