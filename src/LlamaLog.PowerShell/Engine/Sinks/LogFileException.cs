using System;

namespace LlamaLog.Engine.Sinks
{
    /// <summary>A log file that cannot be opened; the message names the path and the reason.</summary>
    public sealed class LogFileException : Exception
    {
        public LogFileException(string message, string path, Exception inner)
            : base(message, inner)
        {
            FilePath = path;
        }

        public string FilePath { get; }
    }
}
