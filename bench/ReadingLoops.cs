// The reading scenarios' C# side (issue 15), compiled by their Open snippet in Scenarios.psd1 (or, once listed in
// BenchSupport.ps1, with the rest of the support assembly): log text generated in memory and parsed by the engine
// in a C# loop, and the JSON file that Import-LlamaLog and its yardstick read.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using LlamaLog;
using LlamaLog.Engine.Reading;

namespace LlamaLogBench
{
    /// <summary>
    /// The engine's parse alone: <c>Run(n)</c> reads n lines from UTF-8 bytes in memory (decoding included) into
    /// entries with <see cref="LogFileReader"/>, cycling through a block of generated lines.
    /// </summary>
    public sealed class ReadRun
    {
        private const int BlockLines = 100000;

        private readonly byte[] block;
        private readonly int[] lineStarts;
        private readonly LogFormat format;

        private ReadRun(bool json)
        {
            format = json ? LogFormat.Json : LogFormat.Text;
            var text = new StringBuilder(BlockLines * 160);
            lineStarts = new int[BlockLines + 1];
            var encoding = new UTF8Encoding(false);
            int bytes = 0;
            for (int i = 0; i < BlockLines; i++)
            {
                lineStarts[i] = bytes;
                int start = text.Length;
                AppendLine(text, i, json);
                bytes += encoding.GetByteCount(text.ToString(start, text.Length - start));
            }

            lineStarts[BlockLines] = bytes;
            block = encoding.GetBytes(text.ToString());
        }

        public static ReadRun Text() => new ReadRun(false);

        public static ReadRun Json() => new ReadRun(true);

        /// <summary>Parses n lines; returns the number of entries, which is n (one record per line).</summary>
        public long Run(int n)
        {
            long entries = 0;
            for (int left = n; left > 0; left -= BlockLines)
            {
                int lines = Math.Min(left, BlockLines);
                using (var reader = new StreamReader(new MemoryStream(block, 0, lineStarts[lines], false), new UTF8Encoding(false), false, 1 << 16))
                {
                    foreach (LogEntry entry in LogFileReader.Read(reader, format, null, null))
                    {
                        entries++;
                    }
                }
            }

            return entries;
        }

        /// <summary>Writes <paramref name="records"/> JSON lines of OGX's shape to <paramref name="path"/>; returns the path.</summary>
        public static string JsonFile(string path, int records)
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
            {
                var line = new StringBuilder(256);
                for (int i = 0; i < records; i++)
                {
                    line.Clear();
                    AppendLine(line, i, true);
                    writer.Write(line.ToString());
                }
            }

            return path;
        }

        // Records as servers write them: a few loggers and categories, a counter in the message, one property.
        private static readonly string[] Loggers = { "ogx.core.server", "ogx.core.routers.inference", "uvicorn.access", "ogx.providers.remote.vllm" };
        private static readonly string[] Categories = { "core::server", "core::routers", "server", "providers" };
        private static readonly string[] Levels = { "info", "debug", "info", "warning" };

        private static void AppendLine(StringBuilder text, int i, bool json)
        {
            var time = new DateTime(2026, 5, 7, 15, 43, 12).AddTicks(i * 12345L);
            int k = i & 3;
            string number = i.ToString(CultureInfo.InvariantCulture);
            if (json)
            {
                text.Append("{\"category\": \"").Append(Categories[k]).Append("\", \"request\": ").Append(number)
                    .Append(", \"event\": \"Handled request ").Append(number).Append(" in 12 ms\", \"level\": \"").Append(Levels[k])
                    .Append("\", \"logger\": \"").Append(Loggers[k]).Append("\", \"timestamp\": \"")
                    .Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append("Z\"}\n");
            }
            else
            {
                text.Append(time.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)).Append(' ').Append(Loggers[k]).Append(":42 ")
                    .Append(Categories[k]).Append(": Handled request ").Append(number).Append(" in 12 ms\n");
            }
        }
    }
}
