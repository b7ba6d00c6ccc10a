using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace LlamaLog.Engine.Sinks.Files
{
    /// <summary>
    /// The machine-wide named mutex for a file path, shared by the Windows append and rotation lock. The name
    /// hashes the upper-cased full path, since Windows paths are case-insensitive and mutex names are bounded.
    /// Built for Windows, not tested on this project's CI.
    /// </summary>
    internal static class PathMutex
    {
        /// <summary>Opens (or creates) the mutex named "Global\LlamaLog-" + <paramref name="prefix"/> + the path's hash.</summary>
        public static Mutex Open(string prefix, string fullPath)
        {
            return new Mutex(false, "Global\\LlamaLog-" + prefix + NameFor(fullPath));
        }

        /// <summary>
        /// Waits for the mutex. A holder that died abandons it and this waiter then owns it: the callers' work
        /// is either repeated whole or re-checked under the lock, so an abandoned mutex counts as taken.
        /// </summary>
        public static void Enter(Mutex mutex)
        {
            try
            {
                mutex.WaitOne();
            }
            catch (AbandonedMutexException)
            {
                // Owned now; see the summary.
            }
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
