using System;

namespace LlamaLog.Engine.Reading
{
    /// <summary>A file that is not text (a NUL byte near its start): reading it would only give noise.</summary>
    public sealed class BinaryLogFileException : Exception
    {
        public BinaryLogFileException(string path)
            : base("'" + path + "' is a binary file, not a log: it has a NUL byte in its first " + LogFileReader.SniffLength + " bytes.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
