// Compiled with ThreadClock.cs and FloorCommands.cs into the Bench's support assembly (Invoke-Benchmarks.ps1 does it once per run, and
// Invoke-Scenario.ps1 loads it): the C# scenarios, loops with no PowerShell in them. Not part of the BenchmarkDotNet
// project (which has its own folder), so it also runs in a -Quick Bench.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using LlamaLog;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLogBench
{
    /// <summary>
    /// What Write-LlamaLog does for a record once PowerShell has bound it: the level check, the record with its
    /// clock read, LogEngine.Write. With a path: file only, as text lines or JSON lines. Without: host only, the
    /// host text returned and dropped, so the cost is the rendering alone.
    /// </summary>
    public sealed class EngineRun
    {
        private readonly bool host;

        private EngineRun(string path, IRecordFormatter formatter, RollingPolicy policy)
        {
            host = path == null;
            bool json = ReferenceEquals(formatter, JsonRecordFormatter.Instance);
            var settings = new LogSettings(path, host ? "None" : "-LogFile", LogSettings.DefaultWidth, "Default",
                host ? ConsoleTarget.Host : ConsoleTarget.None, "Default", ColorSystem.None, ColorSystem.None,
                json ? FileFormat.Json : FileFormat.Text, json ? "-FileFormat" : "Default", ConsoleFormat.Rich, "Default");
            LogEngine.Configure(settings, host ? null : new ILogSink[] { LogEngine.OpenFileSink(Path.GetFullPath(path), formatter, policy) });
        }

        // Factories, not a constructor taking null: PowerShell passes $null for a string as "".
        public static EngineRun ForFile(string path) => new EngineRun(path, TextLineFormatter.Instance, null);

        // The same records as ForFile, as Initialize-LlamaLog -FileFormat Json writes them.
        public static EngineRun ForJsonFile(string path) => new EngineRun(path, JsonRecordFormatter.Instance, null);

        /// <summary>The file scenario with -MaxSize set and never reached (1 TB): the per-record cost of the size check.</summary>
        public static EngineRun ForFileWithMaxSize(string path) => new EngineRun(path, TextLineFormatter.Instance, new RollingPolicy(1L << 40, RollingPolicy.DefaultMaxFiles, RollInterval.None, false));

        public static EngineRun ForHost() => new EngineRun(null, null, null);

        public long Run(int n)
        {
            long characters = 0;
            for (int i = 1; i <= n; i++)
            {
                if (!LogEngine.IsEnabled("core", 20, out bool _))
                {
                    continue;
                }

                // The host scenario renders markup and numbers for the highlighter; the file scenario writes the
                // same bytes as the C# yardstick.
                string message = host
                    ? "[bold green]m[/] " + i.ToString(CultureInfo.InvariantCulture) + " loaded [cyan]llama-3.2-1b[/] in 1.25 s"
                    : "m " + i.ToString(CultureInfo.InvariantCulture);
                var record = new LogRecord(DateTime.Now, "bench", 1, "core", 20, message, true);
                string text = LogEngine.Write(record, ColorSystem.TrueColor, out string _);
                characters += text == null ? 0 : text.Length;
            }

            return characters;
        }
    }

    /// <summary>The yardstick: a formatted line per record through a StreamWriter flushed after each line.</summary>
    public sealed class FlushPerLineRun : IDisposable
    {
        private readonly StreamWriter writer;

        public FlushPerLineRun(string path)
        {
            writer = new StreamWriter(path, false, new UTF8Encoding(false));
        }

        public void Run(int n)
        {
            for (int i = 1; i <= n; i++)
            {
                writer.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm:ss,fff} bench:1 core: m {1}", DateTime.Now, i));
                writer.Flush();
            }
        }

        public void Dispose() => writer.Dispose();
    }
}
