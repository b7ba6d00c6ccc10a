using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using LlamaLog.Engine.Formatting;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;
using LlamaLog.Engine.Sinks.Files;

namespace LlamaLog.Engine
{
    /// <summary>
    /// The write path shared by Write-LlamaLog and logger objects: the level filter, then the record to every sink
    /// of the setup in force, and the host's text back to the caller (the host belongs to the caller's runspace, so
    /// the caller writes it). Everything here is safe from any thread.
    /// </summary>
    public static class LogEngine
    {
        private static readonly object ConfigureGate = new object();
        private static LogPipeline pipeline = new LogPipeline(LogSettings.Initial, null, RichConsoleFormatter.Instance);

        [ThreadStatic]
        private static StringBuilder hostBuilder;

        /// <summary>The setup in force.</summary>
        public static LogPipeline Pipeline => Volatile.Read(ref pipeline);

        public static LogSettings Settings => Volatile.Read(ref pipeline).Settings;

        /// <summary>The open log file's sink, or null.</summary>
        public static FileSink FileSink => Volatile.Read(ref pipeline).File;

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
        /// Makes a new setup current. A file sink for the path and format already open is kept (records go on to the
        /// open file without a gap) and a second one opened for it is closed. Sinks the new setup no longer has are
        /// closed once every record that had reached them is written: a record accepted while setups change lands
        /// in the old outputs or the new ones, never in neither.
        /// </summary>
        public static void Configure(LogSettings settings, IReadOnlyList<ILogSink> sinks)
        {
            lock (ConfigureGate)
            {
                LogPipeline old = Volatile.Read(ref pipeline);
                var kept = new List<ILogSink>(sinks ?? new ILogSink[0]);
                var closeNow = new List<ILogSink>();
                for (int i = 0; i < kept.Count; i++)
                {
                    if (kept[i] is FileSink file)
                    {
                        kept[i] = KeepOpenFile(old.File, file, closeNow);
                    }
                }

                var next = new LogPipeline(settings, kept, settings.Console == ConsoleTarget.Host ? ConsoleFormatterFor(settings) : null);
                Interlocked.Exchange(ref pipeline, next);

                // A writer enters its pipeline, then checks it is still current (Write): after the exchange no new
                // writer can enter the old one, so once the count reaches zero nobody can still reach its sinks.
                var wait = new SpinWait();
                while (old.ActiveWriters > 0)
                {
                    wait.SpinOnce();
                }

                foreach (ILogSink sink in old.Sinks)
                {
                    if (!kept.Contains(sink))
                    {
                        sink.Dispose();
                    }
                }

                foreach (ILogSink sink in closeNow)
                {
                    sink.Dispose();
                }
            }
        }

        /// <summary>
        /// A file sink for a path, format and rotation policy, the open one when all three match (no second
        /// descriptor is opened); another policy means a new sink.
        /// </summary>
        public static FileSink OpenFileSink(string fullPath, IRecordFormatter formatter, RollingPolicy policy = null)
        {
            policy = policy ?? RollingPolicy.None;
            FileSink current = FileSink;
            if (current != null && string.Equals(current.Path, fullPath, StringComparison.Ordinal) && ReferenceEquals(current.Formatter, formatter)
                && current.Policy.Equals(policy))
            {
                return current;
            }

            return new FileSink(fullPath, formatter, policy);
        }

        /// <summary>The console layout a setup's settings ask for.</summary>
        public static IConsoleFormatter ConsoleFormatterFor(LogSettings settings)
        {
            return settings.ConsoleFormat == ConsoleFormat.Json ? (IConsoleFormatter)JsonConsoleFormatter.Instance : RichConsoleFormatter.Instance;
        }

        /// <summary>
        /// Writes a record that passed the filter to every sink, and returns the host text when the console is the
        /// host (null otherwise), without the line end after its last line (hosts add one). Callers work out
        /// <paramref name="hostColors"/> only when <see cref="LogSettings.Console"/> is the host.
        /// <paramref name="notice"/> is a message for the user when a sink changed state (fault, recovery).
        /// </summary>
        public static string Write(LogRecord record, ColorSystem hostColors, out string notice)
        {
            LogPipeline current = EnterCurrent();
            try
            {
                notice = null;
                ILogSink[] sinks = current.SinkArray;
                for (int i = 0; i < sinks.Length; i++)
                {
                    string said;
                    try
                    {
                        said = sinks[i].Emit(record);
                    }
                    catch (Exception e)
                    {
                        // A sink that breaks must not stop the others, nor the script; it is reported once.
                        said = current.FirstFailure(i) ? "LlamaLog could not write a record to " + sinks[i].Name + ": " + e.Message + " The other outputs go on." : null;
                    }

                    if (said != null)
                    {
                        notice = notice == null ? said : notice + " " + said;
                    }
                }

                IConsoleFormatter host = current.HostFormatter;
                if (host == null)
                {
                    return null;
                }

                StringBuilder output = hostBuilder ?? (hostBuilder = new StringBuilder(256));
                output.Clear();
                host.Format(record, current.Settings.Width, hostColors, output);

                // The host adds the line end itself, as Write-Host's does.
                if (output.Length > 0 && output[output.Length - 1] == '\n')
                {
                    output.Length--;
                }

                string text = output.ToString();
                if (output.Capacity > 1 << 16)
                {
                    // A huge record must not keep its buffer alive on this thread.
                    hostBuilder = null;
                }

                return text;
            }
            finally
            {
                current.Leave();
            }
        }

        /// <summary>Delivers what every sink has queued, each waiting at most <paramref name="timeout"/>.</summary>
        public static void Flush(TimeSpan timeout)
        {
            foreach (ILogSink sink in Pipeline.Sinks)
            {
                try
                {
                    sink.Flush(timeout);
                }
                catch (Exception)
                {
                    // Flushing is best effort (exit, Remove-Module): one sink's failure must not keep the others back.
                }
            }
        }

        private static LogPipeline EnterCurrent()
        {
            while (true)
            {
                LogPipeline current = Volatile.Read(ref pipeline);
                current.Enter();
                if (ReferenceEquals(current, Volatile.Read(ref pipeline)))
                {
                    return current;
                }

                // A new setup was made current in between: leave the old one to be closed, and use the new one.
                current.Leave();
            }
        }

        private static FileSink KeepOpenFile(FileSink open, FileSink given, List<ILogSink> closeNow)
        {
            if (open != null && !ReferenceEquals(open, given) && string.Equals(open.Path, given.Path, StringComparison.Ordinal)
                && ReferenceEquals(open.Formatter, given.Formatter) && open.Policy.Equals(given.Policy))
            {
                closeNow.Add(given);
                return open;
            }

            if (given.IsDisposed)
            {
                // OpenFileSink handed out the open sink, and another runspace's setup closed it since: reopen it.
                return new FileSink(given.Path, given.Formatter, given.Policy);
            }

            return given;
        }
    }
}
