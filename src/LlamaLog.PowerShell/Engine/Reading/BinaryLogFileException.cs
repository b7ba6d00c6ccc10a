using System;

namespace LlamaLog.Engine.Reading
{
    /// <summary>A file that is not text (a NUL byte near its start): reading it would only give noise.</summary>
    public sealed class BinaryLogFileException : Exception
    {
        public BinaryLogFileException(string path)
            : this(path, false)
        {
        }

        /// <summary>With <paramref name="atEnd"/>, the NUL was in the last bytes (the file was read from its end).</summary>
        public BinaryLogFileException(string path, bool atEnd)
            : base("'" + path + "' is a binary file, not a log: it has a NUL byte in its " + (atEnd ? "last " : "first ") + LogFileReader.SniffLength + " bytes.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
