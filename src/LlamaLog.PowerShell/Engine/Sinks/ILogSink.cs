using System;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Sinks
{
    /// <summary>
    /// Where records go: the log file, standard error, a collector. The engine filters a record once and hands it
    /// to every sink of the setup in force; each sink formats and delivers it its own way.
    /// </summary>
    /// <remarks>
    /// <see cref="Emit"/> is called from any thread, concurrently, and must be safe so. A sink never throws for a
    /// delivery fault: it tells the user by returning a notice (once per change of state), and keeps or drops
    /// records as its guarantee says. If it throws all the same, the engine reports it once and the other sinks
    /// still get the record. The engine disposes a sink that a new setup replaced only after every
    /// <see cref="Emit"/> that could reach it has returned.
    /// </remarks>
    public interface ILogSink : IDisposable
    {
        /// <summary>What the sink is, for notices: "the log file '/var/log/x.log'", "standard error".</summary>
        string Name { get; }

        /// <summary>Delivers (or queues) one record; returns a notice for the user, or null.</summary>
        string Emit(LogRecord record);

        /// <summary>Delivers what is queued, waiting at most <paramref name="timeout"/>; write-through sinks return at once.</summary>
        void Flush(TimeSpan timeout);
    }
}
