using System;
using System.IO;
using System.Threading;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// Windows append: a shared FileStream positioned at the end under a machine-wide mutex named after the
    /// path, so processes appending to one file take turns. Built for Windows, not tested on this project's CI.
    /// </summary>
    internal sealed class WindowsAppendFile : AppendOnlyFile
    {
        private readonly FileStream stream;
        private readonly Mutex mutex;

        public WindowsAppendFile(string path)
            : base(path)
        {
            stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            mutex = PathMutex.Open(string.Empty, System.IO.Path.GetFullPath(path));
        }

        public override void Append(byte[] buffer, int count)
        {
            bool owned = false;
            try
            {
                PathMutex.Enter(mutex);
                owned = true;

                stream.Seek(0, SeekOrigin.End);
                stream.Write(buffer, 0, count);
                stream.Flush();
            }
            finally
            {
                if (owned)
                {
                    mutex.ReleaseMutex();
                }
            }
        }

        public override bool StillAtPath() => PathNamesThisFile();

        public override bool PathNamesThisFile()
        {
            var info = new FileInfo(Path);
            return info.Exists && info.Length == stream.Length;
        }

        public override long Length() => stream.Length;

        public override void Dispose()
        {
            stream.Dispose();
            mutex.Dispose();
        }
    }
}
