using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Which file an open stream reads, to find it again after renames: device and inode on Linux, else its length
    /// and last write time (rotated files no longer change, so these tell them apart in practice).
    /// </summary>
    internal sealed class FileIdentity
    {
        private readonly bool byInode;
        private readonly long device;
        private readonly long inode;
        private readonly long length;
        private readonly DateTime lastWriteUtc;

        private FileIdentity(bool byInode, long device, long inode, long length, DateTime lastWriteUtc)
        {
            this.byInode = byInode;
            this.device = device;
            this.inode = inode;
            this.length = length;
            this.lastWriteUtc = lastWriteUtc;
        }

        public static FileIdentity Of(FileStream stream)
        {
            SafeFileHandle handle = stream.SafeFileHandle;
            if (LinuxLibc.IsSupportedTarget && LinuxStat.TryIdentity(handle.DangerousGetHandle().ToInt32(), out long device, out long inode))
            {
                return new FileIdentity(true, device, inode, 0, default(DateTime));
            }

            return new FileIdentity(false, 0, 0, stream.Length, File.GetLastWriteTimeUtc(stream.Name));
        }

        /// <summary>Whether the file at <paramref name="path"/> is this one.</summary>
        public bool Matches(string path)
        {
            if (byInode)
            {
                return LinuxStat.TryIdentity(System.Text.Encoding.UTF8.GetBytes(path + "\0"), out long pathDevice, out long pathInode)
                    && pathDevice == device && pathInode == inode;
            }

            var info = new FileInfo(path);
            return info.Exists && info.Length == length && info.LastWriteTimeUtc == lastWriteUtc;
        }
    }
}
