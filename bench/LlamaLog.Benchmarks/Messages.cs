using System;
using LlamaLog.Engine;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Benchmarks
{
    /// <summary>The messages every benchmark uses, so the numbers of different classes compare.</summary>
    public static class Messages
    {
        public const string Plain = "Loaded 42 models from /srv/models in 1.25 s";

        /// <summary>Styles, a closing tag, a link and an escaped bracket: what the markup parser must handle.</summary>
        public const string Markup = "[bold red]Failed[/] to load [cyan]llama-3.2-1b[/cyan] from [link=https://example.com/r]the registry[/link]: [italic]timeout[/] after 30 s \\[retry 2/3]";

        /// <summary>Longer than a 120-column line: the host layout has to wrap it.</summary>
        public static readonly string Long = string.Join(" ", new string('x', 30), "[green]GET /v1/models[/]", new string('y', 90), "status=200", new string('z', 150));

        public static string For(string kind)
        {
            switch (kind)
            {
                case "plain": return Plain;
                case "markup": return Markup;
                case "long": return Long;
                default: throw new ArgumentException("unknown message kind " + kind, nameof(kind));
            }
        }

        public static LogRecord Record(string message) => new LogRecord(DateTime.Now, "bench", 42, "core", 20, message, true);

        /// <summary>The text LogEngine hands to the host layout: the file prefix, then the raw message.</summary>
        public static string HostLine(LogRecord record)
        {
            var builder = new System.Text.StringBuilder();
            TextLineFormatter.AppendPrefix(builder, record.Time, record.Name, record.Line, record.Category);
            return builder.Append(record.Message).ToString();
        }
    }
}
