using System;
using System.Text;
using System.Threading;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// The write path shared by Write-LlamaLog and logger objects: the level filter, the file line, the host
    /// layout, and the process-wide settings and log file. Everything here is safe from any thread.
    /// </summary>
    public static class LogEngine
    {
        private static readonly object ConfigureGate = new object();
        private static readonly object StderrGate = new object();
        private static LogSettings settings = LogSettings.Initial;
        private static FileSink sink;

        [ThreadStatic]
        private static StringBuilder lineBuilder;

        [ThreadStatic]
        private static StringBuilder hostBuilder;

        public static LogSettings Settings => Volatile.Read(ref settings);

        /// <summary>The open log file, or null.</summary>
        public static FileSink Sink => Volatile.Read(ref sink);

        /// <summary>
        /// Whether a record of <paramref name="level"/> in <paramref name="category"/> passes: false for an
        /// unknown category (<paramref name="known"/> false too). One dictionary read and one volatile read.
        /// </summary>
        public static bool IsEnabled(string category, int level, out bool known)
        {
            CategorySlot slot = CategoryLevels.ResolveMessageSlot(category);
            known = slot != null;
            return known && level >= CategoryLevels.EffectiveLevel(slot);
        }

        /// <summary>
        /// Makes new settings current. The log file is swapped only when the path changes, so records keep going
        /// to an open file without a gap; the old file is closed after the swap.
        /// </summary>
        public static void Configure(LogSettings newSettings, FileSink newSink)
        {
            lock (ConfigureGate)
            {
                FileSink old = Volatile.Read(ref sink);
                if (newSink != null && newSink.IsDisposed)
                {
                    // OpenSink handed out the open sink, and another runspace's setup closed it since: reopen.
                    newSink = ReferenceEquals(newSink, old) ? newSink : new FileSink(newSink.Path);
                }

                // OpenSink hands back the open sink itself for the same path; only a second sink is closed.
                if (newSink != null && old != null && !ReferenceEquals(newSink, old) && string.Equals(old.Path, newSink.Path, StringComparison.Ordinal))
                {
                    newSink.Dispose();
                    newSink = old;
                }

                Volatile.Write(ref sink, newSink);
                Volatile.Write(ref settings, newSettings);
                if (old != null && !ReferenceEquals(old, newSink))
                {
                    old.Dispose();
                }
            }
        }

        /// <summary>Opens a sink for a path, reusing the open one when it is the same file.</summary>
        public static FileSink OpenSink(string fullPath)
        {
            FileSink current = Volatile.Read(ref sink);
            if (current != null && string.Equals(current.Path, fullPath, StringComparison.Ordinal))
            {
                return current;
            }

            return new FileSink(fullPath);
        }

        /// <summary>
        /// Writes a record that passed the filter: to the file, to standard error when that is the console
        /// target, and returns the host text when the target is the host (null otherwise), without the line
        /// end after its last line (hosts add one). Callers work out
        /// <paramref name="hostColors"/> only when <see cref="LogSettings.Console"/> is the host.
        /// <paramref name="notice"/> is a message for the user when the file changed state (fault, recovery).
        /// </summary>
        public static string Write(LogRecord record, ColorSystem hostColors, out string notice)
        {
            LogSettings current = Settings;
            StringBuilder builder = lineBuilder ?? (lineBuilder = new StringBuilder(256));
            builder.Clear();
            FileLineFormatter.AppendPrefix(builder, record.Time, record.Name, record.Line, record.Category);
            int prefixLength = builder.Length;

            notice = null;
            FileSink file = Sink;
            if (file != null)
            {
                builder.Append(record.Markup ? RichMarkup.ToPlainText(record.Message) : record.Message);
                builder.Append(Environment.NewLine);
                AppendFileDetails(builder, record.Exception);
                notice = file.Write(builder);
            }

            if (current.Console == ConsoleTarget.None)
            {
                return null;
            }

            builder.Length = prefixLength;
            builder.Append(record.Message);
            string line = builder.ToString();
            ColorSystem colors = current.Console == ConsoleTarget.Stderr ? current.StderrColors : hostColors;
            StringBuilder output = hostBuilder ?? (hostBuilder = new StringBuilder(256));
            output.Clear();
            HostLayout.Append(output, record, line, prefixLength, current.Width, colors);
            if (output.Capacity > 1 << 16)
            {
                // A huge record must not keep its buffer alive on this thread (this one is used up below).
                hostBuilder = null;
            }

            if (current.Console == ConsoleTarget.Stderr)
            {
                string text = output.ToString();
                lock (StderrGate)
                {
                    Console.Error.Write(text);
                    Console.Error.Flush();
                }

                return null;
            }

            // The host adds the line end itself, as Write-Host's does.
            if (output.Length > 0 && output[output.Length - 1] == '\n')
            {
                output.Length--;
            }

            return output.ToString();
        }

        private static void AppendFileDetails(StringBuilder builder, ExceptionDetails details)
        {
            if (details == null)
            {
                return;
            }

            // Indented, so every line that starts a record starts with its time and details never look like one.
            foreach (string line in details.Lines())
            {
                builder.Append("    ").Append(line).Append(Environment.NewLine);
            }
        }
    }
}
