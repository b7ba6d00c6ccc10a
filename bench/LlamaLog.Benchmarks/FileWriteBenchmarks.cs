using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// The file sink alone and its parts: the whole Write (lock, rotation check, UTF-8, write(2)), the append
    /// only, the rotation check only; and a flush-per-line StreamWriter as the yardstick.
    /// Each benchmark appends to its own temporary file, deleted at the end.
    /// </summary>
    [MemoryDiagnoser]
    public class FileWriteBenchmarks
    {
        private static readonly string Line = "2025-11-25 09:01:02,345 bench:42 core: " + Messages.Plain + Environment.NewLine;
        private readonly byte[] bytes = new UTF8Encoding(false).GetBytes(Line);
        private string path;
        private FileSink sink;
        private AppendOnlyFile file;
        private StreamWriter writer;

        [GlobalSetup]
        public void Setup()
        {
            path = Path.Combine(Path.GetTempPath(), "llamalog-bdn-" + Guid.NewGuid().ToString("N") + ".log");
            sink = new FileSink(path, TextLineFormatter.Instance);
            file = AppendOnlyFile.Open(path + ".raw");
            writer = new StreamWriter(path + ".sw", false, new UTF8Encoding(false));
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            sink.Dispose();
            file.Dispose();
            writer.Dispose();
            foreach (string name in new[] { path, path + ".raw", path + ".sw" })
            {
                File.Delete(name);
            }
        }

        [Benchmark]
        public string SinkWrite() => sink.Write(Line);

        [Benchmark]
        public void AppendOnly() => file.Append(bytes, bytes.Length);

        /// <summary>The stat and lseek FileSink does before every record to notice rotation.</summary>
        [Benchmark]
        public bool RotationCheck() => file.StillAtPath();

        [Benchmark(Baseline = true)]
        public void StreamWriterFlushPerLine()
        {
            writer.Write(Line);
            writer.Flush();
        }
    }
}
