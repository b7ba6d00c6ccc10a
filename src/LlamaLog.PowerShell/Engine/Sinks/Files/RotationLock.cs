using System;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// The lock that lets one writer at a time rotate a log file, across the processes and runspaces sharing its
    /// path. Held only for the re-check, the renames and the open; the operating system releases it when its
    /// holder dies, so a process killed in the middle of a rotation never leaves the others waiting.
    /// </summary>
    internal abstract class RotationLock : IDisposable
    {
        /// <summary>The lock for the log file at <paramref name="fullPath"/>: flock(2) on a hidden sidecar on Unix, a named mutex on Windows.</summary>
        public static RotationLock For(string fullPath)
        {
            if (System.IO.Path.DirectorySeparatorChar == '\\')
            {
                return new WindowsRotationLock(fullPath);
            }

            return new UnixRotationLock(SidecarPath(fullPath));
        }

        /// <summary>The Unix lock's file, next to the log: <c>.server.log.lock</c> for <c>server.log</c>. Never deleted (deleting a lock file races with its next user).</summary>
        public static string SidecarPath(string fullPath)
        {
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fullPath) ?? string.Empty, "." + System.IO.Path.GetFileName(fullPath) + ".lock");
        }

        /// <summary>Waits for the lock; throws an IOException when it cannot be taken (an unwritable folder).</summary>
        public abstract void Enter();

        public abstract void Exit();

        public virtual void Dispose()
        {
        }
    }
}
