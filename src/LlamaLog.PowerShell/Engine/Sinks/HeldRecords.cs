using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Sinks
{
    /// <summary>
    /// Records a file sink could not write yet, oldest first, at most <see cref="FileSink.MaxPendingRecords"/>
    /// (beyond that the oldest are dropped and counted). When a sink is closed before it could write them, they are
    /// parked here by path, process-wide, and the next sink for that path writes them first.
    /// </summary>
    internal sealed class HeldRecords
    {
        private static readonly Dictionary<string, HeldRecords> Parked = new Dictionary<string, HeldRecords>(StringComparer.Ordinal);
        private readonly Queue<string> records = new Queue<string>();

        public int Count => records.Count;

        /// <summary>Records dropped because more than the limit were held.</summary>
        public long Dropped { get; set; }

        /// <summary>How many records are parked for each path no open sink writes.</summary>
        public static Dictionary<string, int> ParkedCounts()
        {
            lock (Parked)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, HeldRecords> entry in Parked)
                {
                    counts[entry.Key] = entry.Value.Count;
                }

                return counts;
            }
        }

        public static void Park(string path, HeldRecords held)
        {
            lock (Parked)
            {
                if (Parked.TryGetValue(path, out HeldRecords earlier))
                {
                    // Two sinks of one path closed with records: the earlier ones come first.
                    earlier.Dropped += held.Dropped;
                    while (held.Count > 0)
                    {
                        earlier.Add(held.Dequeue());
                    }
                }
                else
                {
                    Parked[path] = held;
                }
            }
        }

        /// <summary>The records parked for <paramref name="path"/>, taken away; null when there are none.</summary>
        public static HeldRecords TakeParked(string path)
        {
            lock (Parked)
            {
                if (Parked.TryGetValue(path, out HeldRecords held))
                {
                    Parked.Remove(path);
                    return held;
                }

                return null;
            }
        }

        public void Add(string text)
        {
            if (records.Count >= FileSink.MaxPendingRecords)
            {
                records.Dequeue();
                Dropped++;
            }

            records.Enqueue(text);
        }

        public string Peek() => records.Peek();

        public string Dequeue() => records.Dequeue();
    }
}
