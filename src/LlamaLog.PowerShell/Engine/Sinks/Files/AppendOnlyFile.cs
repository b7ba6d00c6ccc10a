using System;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// A file opened for appending, where each <see cref="Append"/> is one write the operating system places
    /// at the end of the file, whole, even while other processes append to it too.
    /// </summary>
    public abstract class AppendOnlyFile : IDisposable
    {
        protected AppendOnlyFile(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>Opens (creating) the file at <paramref name="path"/> with the platform's append primitive.</summary>
        public static AppendOnlyFile Open(string path)
        {
            if (System.IO.Path.DirectorySeparatorChar == '\\')
            {
                return new WindowsAppendFile(path);
            }

            return new UnixAppendFile(path);
        }

        /// <summary>Writes the bytes at the end of the file; they have reached the operating system on return.</summary>
        public abstract void Append(byte[] buffer, int count);

        /// <summary>
        /// Whether the path still names the file this handle writes: false after a delete or a rename (as
        /// logrotate does), so the caller can reopen the path.
        /// </summary>
        public abstract bool StillAtPath();

        /// <summary>
        /// Whether the path names this file, asked of the file system itself (no watch): what a rotation re-checks
        /// under its lock before renaming the path.
        /// </summary>
        public abstract bool PathNamesThisFile();

        /// <summary>The file's length now, other writers' records included (one system call).</summary>
        public abstract long Length();

        public abstract void Dispose();
    }
}
