using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using LlamaLog.Engine.Records;
using LlamaLog.Engine.Sinks;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// Sends every record to an OTLP receiver. <see cref="Emit"/> only enqueues (a bounded queue: a record that
    /// finds it full is dropped and counted); one background thread hands the records to the OpenTelemetry SDK's
    /// batch processor, never more than that processor's queue holds, so the SDK itself never drops one. The backlog
    /// waits in LlamaLog's compact queue (<see cref="OtlpRecordQueue"/>); the SDK's queue holds two batches only
    /// (<see cref="OtlpOptions.SdkQueueSize"/>). Export, batching and retry (in memory, or on disk with a retry
    /// folder) are the SDK's.
    /// </summary>
    public sealed class OtlpSink : ILogSink
    {
        private readonly OtlpRecordQueue queue;

        // The export thread's own: the SDK copies a record's attributes into its pooled record before Write returns
        // (its batch processor buffers them), so one list serves every record.
        private readonly List<KeyValuePair<string, object>> attributes = new List<KeyValuePair<string, object>>(16);
        private readonly object[] lineNumbers = new object[4096];
        private readonly ManualResetEventSlim work = new ManualResetEventSlim(false);
        private readonly object progressGate = new object();
        private readonly OtlpExporterChannel channel;
        private readonly Thread exportThread;
        private readonly int capacity;
        private readonly int sdkCapacity;

        private volatile bool exporterIdle;
        private volatile bool stopping;
        private long enqueued;
        private long handed;
        private long queueDropped;
        private long exportFailed;
        private long unreportedQueueDrops;
        private long unreportedFailures;
        private int disposed;
        private int dropRunNoticed;
        private long lastNoticeTicks;

        public OtlpSink(OtlpOptions options, OtlpExporterChannel channel)
        {
            Options = options;
            this.channel = channel;
            capacity = options.MaxQueueSize;
            sdkCapacity = options.SdkQueueSize;
            queue = new OtlpRecordQueue(capacity);
            exportThread = new Thread(ExportLoop) { IsBackground = true, Name = "LlamaLog OTLP export" };
            exportThread.Start();
        }

        public string Name => "the OTLP receiver at " + Options.LogsEndpoint.AbsoluteUri;

        public OtlpOptions Options { get; }

        /// <summary>Records the exporter delivered: to the receiver, or to the disk retry folder for a later send.</summary>
        public long Exported => channel.Counts()[1];

        /// <summary>Records lost: dropped because the queue was full, or given up by the exporter after its retries.</summary>
        public long Dropped => Interlocked.Read(ref queueDropped) + RefreshFailures();

        /// <summary>
        /// How often, at most, the user is told that records were lost (10 s by default). A script that outpaces its
        /// collector would otherwise get a warning each time the queue fills again; the counts told later include
        /// every record lost in between, and Get-LlamaLogSetting has them at any time.
        /// </summary>
        public TimeSpan NoticeInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Records taken and not yet delivered or lost (in LlamaLog's queue or the SDK's).</summary>
        public long Queued
        {
            get
            {
                long[] counts = channel.Counts();
                return Math.Max(0, Interlocked.Read(ref enqueued) - counts[1] - counts[2]);
            }
        }

        /// <summary>
        /// Enqueues a record; never blocks. Returns a notice when records were lost since the last notice (the queue
        /// was full, or the exporter gave batches up), else null.
        /// </summary>
        public string Emit(LogRecord record)
        {
            if (stopping || !queue.TryEnqueue(record))
            {
                Interlocked.Increment(ref queueDropped);
                Interlocked.Increment(ref unreportedQueueDrops);

                // One notice when a run of drops starts; the rest of the run is told when a record fits again.
                return Interlocked.Exchange(ref dropRunNoticed, 1) == 0 ? TakeNoticeWhenDue() : null;
            }

            Interlocked.Increment(ref enqueued);
            if (exporterIdle)
            {
                work.Set();
            }

            if (Volatile.Read(ref unreportedQueueDrops) == 0 && Volatile.Read(ref unreportedFailures) == 0)
            {
                return null;
            }

            Volatile.Write(ref dropRunNoticed, 0);
            return TakeNoticeWhenDue();
        }

        /// <summary>Hands every queued record to the SDK and exports them, within <paramref name="timeout"/>.</summary>
        public void Flush(TimeSpan timeout) => TryFlush(timeout);

        /// <summary><see cref="Flush"/>, saying whether everything was delivered (or given up) within the timeout.</summary>
        public bool TryFlush(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            long target = Interlocked.Read(ref enqueued);
            lock (progressGate)
            {
                while (Interlocked.Read(ref handed) < target && !stopping)
                {
                    work.Set();
                    int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
                    if (left <= 0)
                    {
                        return false;
                    }

                    Monitor.Wait(progressGate, Math.Min(left, 100));
                }
            }

            int remaining = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
            if (!CallBounded(() => channel.Flush(remaining), remaining))
            {
                return false;
            }

            // The SDK's flush returns once its last batch is taken, which may still be in the exporter's hands.
            while (true)
            {
                long[] counts = channel.Counts();
                if (counts[1] + counts[2] >= counts[0])
                {
                    RefreshFailures();
                    return true;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                Thread.Sleep(5);
            }
        }

        /// <summary>Flushes within the exporter's timeout (OTEL_EXPORTER_OTLP_TIMEOUT), then stops the export thread and the SDK.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(Options.TimeoutMilliseconds);
            TryFlush(TimeSpan.FromMilliseconds(Options.TimeoutMilliseconds));
            stopping = true;
            work.Set();
            int left = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
            exportThread.Join(Math.Min(left, 1000));
            CallBounded(() => channel.Shutdown(0), (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds));
        }

        // The notice, unless one was given less than NoticeInterval ago: then the losses stay counted for a later one.
        private string TakeNoticeWhenDue()
        {
            long now = DateTime.UtcNow.Ticks;
            long last = Interlocked.Read(ref lastNoticeTicks);
            if (last != 0 && now - last < NoticeInterval.Ticks)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref lastNoticeTicks, now, last) != last)
            {
                // Another writer is giving the notice right now.
                return null;
            }

            return TakeNotice();
        }

        private string TakeNotice()
        {
            long drops = Interlocked.Exchange(ref unreportedQueueDrops, 0);
            long failures = Interlocked.Exchange(ref unreportedFailures, 0);
            if (drops == 0 && failures == 0)
            {
                return null;
            }

            var parts = new List<string>();
            if (drops != 0)
            {
                parts.Add(drops.ToString(CultureInfo.InvariantCulture) + " dropped because the export queue ("
                    + capacity.ToString(CultureInfo.InvariantCulture) + " records, OTEL_BLRP_MAX_QUEUE_SIZE) was full");
            }

            if (failures != 0)
            {
                parts.Add(failures.ToString(CultureInfo.InvariantCulture) + " not accepted by " + Options.LogsEndpoint.AbsoluteUri
                    + " after retries" + (Options.RetryPath == null ? " (-OtlpRetryPath keeps such records on disk until the receiver is back)" : string.Empty));
            }

            return "OTLP export lost records: " + string.Join("; ", parts) + ". Get-LlamaLogSetting shows the counts.";
        }

        private long RefreshFailures()
        {
            long failed = channel.Counts()[2];
            long known = Interlocked.Read(ref exportFailed);
            if (failed > known && Interlocked.CompareExchange(ref exportFailed, failed, known) == known)
            {
                Interlocked.Add(ref unreportedFailures, failed - known);
            }

            return failed;
        }

        private void ExportLoop()
        {
            long written = 0;
            long done = 0;
            while (true)
            {
                // The SDK's batch processor drops what its queue cannot hold, silently: wait for room before taking a
                // record, so that only LlamaLog's own queue (counted) ever drops, and no record waits outside both.
                while (written - done >= sdkCapacity && !stopping)
                {
                    long[] counts = channel.Counts();
                    done = counts[1] + counts[2];
                    if (written - done >= sdkCapacity)
                    {
                        RefreshFailures();
                        PulseProgress();
                        Thread.Sleep(5);
                    }
                }

                if (!queue.TryDequeue(out LogRecord item))
                {
                    if (stopping)
                    {
                        return;
                    }

                    RefreshFailures();
                    PulseProgress();
                    exporterIdle = true;
                    work.Reset();
                    if (queue.Count == 0 && !stopping)
                    {
                        work.Wait(1000);
                    }

                    exporterIdle = false;
                    continue;
                }

                try
                {
                    Send(item);
                }
                catch (Exception)
                {
                    // A record the SDK refuses (it should not throw) is lost, not the thread.
                    Interlocked.Increment(ref queueDropped);
                    Interlocked.Increment(ref unreportedQueueDrops);
                }

                written++;
                Interlocked.Increment(ref handed);
                if ((written & 255) == 0)
                {
                    RefreshFailures();
                    PulseProgress();
                }
            }
        }

        private void PulseProgress()
        {
            lock (progressGate)
            {
                Monitor.PulseAll(progressGate);
            }
        }

        private void Send(LogRecord record)
        {
            IReadOnlyList<KeyValuePair<string, object>> properties = record.Properties;
            attributes.Clear();
            attributes.Add(new KeyValuePair<string, object>("category", record.Category));

            foreach (KeyValuePair<string, object> property in properties)
            {
                attributes.Add(new KeyValuePair<string, object>(property.Key, OtlpAttributeValue.From(property.Value)));
            }

            if (record.SourceFile != null)
            {
                attributes.Add(new KeyValuePair<string, object>("code.file.path", record.SourceFile));
            }

            if (record.Line > 0)
            {
                attributes.Add(new KeyValuePair<string, object>("code.line.number", LineNumber(record.Line)));
            }

            if (record.Function != null)
            {
                attributes.Add(new KeyValuePair<string, object>("code.function.name", record.Function));
            }

            ExceptionDetails exception = record.Exception;
            if (exception != null && exception.Stacks.Count > 0)
            {
                attributes.Add(new KeyValuePair<string, object>("exception.type", exception.Stacks[0].TypeName));
                attributes.Add(new KeyValuePair<string, object>("exception.message", exception.Stacks[0].Message));
                attributes.Add(new KeyValuePair<string, object>("exception.stacktrace", string.Join("\n", exception.Lines())));
            }

            TraceContext trace = record.Trace;
            channel.Write(record.Time.ToUniversalTime(), record.Level, record.Name, record.PlainMessage, attributes,
                trace?.TraceId, trace?.SpanId, trace?.Flags ?? 0, trace?.TraceState);
        }

        // A script's lines are few: each boxed once, not once a record, so a record waiting in the SDK's queue
        // references no young object but its body.
        private object LineNumber(int line)
        {
            if (line >= lineNumbers.Length)
            {
                return (long)line;
            }

            return lineNumbers[line] ?? (lineNumbers[line] = (long)line);
        }

        // An unreachable receiver can hold the SDK's flush past its own timeout: never wait longer than given.
        private static bool CallBounded(Func<bool> call, int timeoutMilliseconds)
        {
            var task = System.Threading.Tasks.Task.Run(call);
            return task.Wait(Math.Max(0, timeoutMilliseconds)) && task.Result;
        }
    }
}
