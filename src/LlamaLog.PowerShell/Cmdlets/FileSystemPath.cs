using System;
using System.Management.Automation;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Resolves a path the PowerShell way (relative to the current location, drives allowed) and insists that it
    /// names the file system: "env:x" resolves to "x" under the Environment provider, which must not become a
    /// file in the process directory.
    /// </summary>
    internal static class FileSystemPath
    {
        public static string Resolve(SessionState sessionState, string path)
        {
            string resolved = sessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out PSDriveInfo _);
            if (!string.Equals(provider?.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("'" + path + "' is a path of the " + provider?.Name + " provider, not a file system path.");
            }

            return resolved;
        }

        public static ErrorRecord NotAFileSystemPath(ArgumentException error, string path)
        {
            return new ErrorRecord(error, "NotAFileSystemPath", ErrorCategory.InvalidArgument, path);
        }
    }
}
