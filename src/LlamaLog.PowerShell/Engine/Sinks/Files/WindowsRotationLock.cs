using System.Security.Cryptography;
using System.Text;
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
            mutex = new Mutex(false, "Global\\LlamaLog-rotation-" + NameFor(fullPath));
        }

        public override void Enter()
        {
            try
            {
                mutex.WaitOne();
            }
            catch (AbandonedMutexException)
            {
                // Its holder died mid-rotation: the re-check under the lock finishes or repeats the work.
            }

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

        private static string NameFor(string fullPath)
        {
            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(fullPath.ToUpperInvariant()));
                var text = new StringBuilder(32);
                for (int i = 0; i < 16; i++)
                {
                    text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
        }
    }
}
