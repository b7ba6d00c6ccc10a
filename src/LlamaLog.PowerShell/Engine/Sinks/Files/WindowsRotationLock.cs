using System.Threading;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// A machine-wide mutex named after the path; a holder that dies abandons it and the next waiter takes it.
    /// Built for Windows, not tested on this project's CI.
    /// </summary>
    internal sealed class WindowsRotationLock : RotationLock
    {
        private readonly Mutex mutex;
        private bool owned;

        public WindowsRotationLock(string fullPath)
        {
            mutex = PathMutex.Open("rotation-", fullPath);
        }

        public override void Enter()
        {
            // A holder that died mid-rotation abandons the mutex: the re-check under the lock finishes or repeats the work.
            PathMutex.Enter(mutex);
            owned = true;
        }

        public override void Exit()
        {
            if (owned)
            {
                owned = false;
                mutex.ReleaseMutex();
            }
        }

        public override void Dispose()
        {
            Exit();
            mutex.Dispose();
        }
    }
}
