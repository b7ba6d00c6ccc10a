using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>
    /// A whole record through LogEngine.Write, as Write-LlamaLog and logger objects call it (the record with its
    /// clock read included): to the file only, and to the host only (the text returned for the host).
    /// </summary>
    [MemoryDiagnoser]
    public class EngineBenchmarks
    {
        private string path;

        [Params("plain", "markup")]
        public string Message { get; set; }

        private string text;

        [GlobalSetup(Target = nameof(FileOnly))]
        public void SetupFile()
        {
            text = Messages.For(Message);
            path = Path.Combine(Path.GetTempPath(), "llamalog-bdn-" + Guid.NewGuid().ToString("N") + ".log");
            LogEngine.Configure(Settings(path, ConsoleTarget.None), new ILogSink[] { new FileSink(path, TextLineFormatter.Instance) });
        }

        [GlobalSetup(Target = nameof(HostOnly))]
        public void SetupHost()
        {
            text = Messages.For(Message);
            LogEngine.Configure(Settings(null, ConsoleTarget.Host), null);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            LogEngine.Configure(Settings(null, ConsoleTarget.Host), null);
            if (path != null)
            {
                File.Delete(path);
            }
        }

        [Benchmark]
        public string FileOnly() => LogEngine.Write(Messages.Record(text), ColorSystem.TrueColor, out _);

        [Benchmark]
        public string HostOnly() => LogEngine.Write(Messages.Record(text), ColorSystem.TrueColor, out _);

        private static LogSettings Settings(string file, ConsoleTarget console) =>
            new LogSettings(file, file == null ? "None" : "-LogFile", LogSettings.DefaultWidth, "Default", console, "Default");
    }
}
