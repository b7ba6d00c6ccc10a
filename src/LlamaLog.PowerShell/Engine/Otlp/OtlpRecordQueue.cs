using System;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// The OTLP sink's bounded queue: many writers, one reader (the export thread), first in, first out. A burst of
    /// tens of thousands of records waits here while the receiver catches up; kept as objects, they would all be
    /// promoted by the garbage collector, whose cost falls on the writing threads (about 1 µs a record in the Bench,
    /// 15% of a Write-LlamaLog call). So a plain record is kept as values: its plain text copied into a character
    /// ring, its other fields (strings the caller shares from call to call: name, category, script path) in a slot
    /// of a struct array. A record with properties or an exception is kept as the object it is, as is a text too
    /// long for the ring or one that finds the ring full: that costs the collector, never a record. Both arrays
    /// grow by doubling, up to the capacity, so a quiet exporter holds little memory.
    /// </summary>
    public sealed class OtlpRecordQueue
    {
        private const int InitialSlots = 1024;
        private const int InitialChars = 64 * 1024;
        private const int LongestCopiedText = 4096;
        private const int CharsPerSlot = 64;

        private readonly object gate = new object();
        private readonly int capacity;
        private readonly int maxChars;
        private Slot[] slots;
        private int head;
        private int count;
        private char[] text;
        private int textWrite;
        private int textUsed;

        /// <summary>A queue that holds at most <paramref name="capacity"/> records.</summary>
        public OtlpRecordQueue(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), "The queue must hold at least one record.");
            }

            this.capacity = capacity;
            slots = new Slot[Math.Min(capacity, InitialSlots)];
            maxChars = (int)Math.Min(int.MaxValue / 4, Math.Max((long)capacity * CharsPerSlot, InitialChars));
            text = new char[Math.Min(maxChars, InitialChars)];
        }

        /// <summary>How many records the queue holds now.</summary>
        public int Count
        {
            get
            {
                lock (gate)
                {
                    return count;
                }
            }
        }

        /// <summary>Adds a record at the end; false, and nothing kept, when the queue is full.</summary>
        public bool TryEnqueue(LogRecord record)
        {
            bool keepObject = record.Properties.Count != 0 || record.Exception != null;

            // Resolved outside the lock: markup may take a while, and the record caches it for the file sinks anyway.
            string plain = keepObject ? null : record.PlainMessage;
            lock (gate)
            {
                if (count == capacity)
                {
                    return false;
                }

                if (count == slots.Length)
                {
                    GrowSlots();
                }

                int index = head + count;
                if (index >= slots.Length)
                {
                    index -= slots.Length;
                }

                ref Slot slot = ref slots[index];
                if (keepObject)
                {
                    slot.Record = record;
                }
                else
                {
                    slot.Time = record.Time;
                    slot.Level = record.Level;
                    slot.Line = record.Line;
                    slot.Name = record.Name;
                    slot.Category = record.Category;
                    slot.SourceFile = record.SourceFile;
                    slot.Function = record.Function;
                    slot.Trace = record.Trace;
                    if (!TryCopyText(plain, ref slot))
                    {
                        slot.Text = plain;
                    }
                }

                count++;
                return true;
            }
        }

        /// <summary>Takes the oldest record: the one enqueued, or an equal one rebuilt with its plain text.</summary>
        public bool TryDequeue(out LogRecord record)
        {
            lock (gate)
            {
                if (count == 0)
                {
                    record = null;
                    return false;
                }

                ref Slot slot = ref slots[head];
                record = slot.Record ?? new LogRecord(slot.Time, slot.Name, slot.Line, slot.Category, slot.Level,
                    slot.Text ?? new string(text, slot.TextStart, slot.TextLength), false, null, null, slot.Trace, slot.SourceFile, slot.Function);
                textUsed -= slot.TextSpan;
                slot = default(Slot);
                head = head + 1 == slots.Length ? 0 : head + 1;
                count--;
                if (count == 0)
                {
                    head = 0;
                    textWrite = 0;
                }

                return true;
            }
        }

        // Copies the text at the ring's write position, or at its start when it does not fit before the end (the gap
        // at the end is counted with this text, and freed with it). False when the ring has no room even grown.
        private bool TryCopyText(string plain, ref Slot slot)
        {
            int length = plain.Length;
            if (length > LongestCopiedText)
            {
                return false;
            }

            if (!TryPlace(length, out int start, out int span))
            {
                if (text.Length == maxChars)
                {
                    return false;
                }

                GrowText(length);
                if (!TryPlace(length, out start, out span))
                {
                    return false;
                }
            }

            plain.CopyTo(0, text, start, length);
            slot.TextStart = start;
            slot.TextLength = length;
            slot.TextSpan = span;
            textUsed += span;
            textWrite = start + length == text.Length ? 0 : start + length;
            return true;
        }

        // The texts held end at textWrite and span textUsed characters before it (around the ring's end): the free
        // characters follow textWrite.
        private bool TryPlace(int length, out int start, out int span)
        {
            int free = text.Length - textUsed;
            if (textWrite + length <= text.Length)
            {
                start = textWrite;
                span = length;
                return length <= free;
            }

            start = 0;
            span = text.Length - textWrite + length;
            return span <= free;
        }

        private void GrowSlots()
        {
            var grown = new Slot[(int)Math.Min(capacity, (long)slots.Length * 2)];
            int first = Math.Min(count, slots.Length - head);
            Array.Copy(slots, head, grown, 0, first);
            Array.Copy(slots, 0, grown, first, count - first);
            slots = grown;
            head = 0;
        }

        // A larger ring with the held texts side by side from its start, in queue order.
        private void GrowText(int needed)
        {
            long size = text.Length;
            while (size < maxChars && size - textUsed < needed + (long)InitialChars)
            {
                size *= 2;
            }

            var grown = new char[(int)Math.Min(size, maxChars)];
            int position = 0;
            for (int i = 0; i < count; i++)
            {
                int index = head + i;
                if (index >= slots.Length)
                {
                    index -= slots.Length;
                }

                ref Slot slot = ref slots[index];
                if (slot.Record != null || slot.Text != null)
                {
                    continue;
                }

                Array.Copy(text, slot.TextStart, grown, position, slot.TextLength);
                slot.TextStart = position;
                slot.TextSpan = slot.TextLength;
                position += slot.TextLength;
            }

            text = grown;
            textUsed = position;
            textWrite = position == grown.Length ? 0 : position;
        }

        private struct Slot
        {
            public LogRecord Record;
            public DateTime Time;
            public int Level;
            public int Line;
            public string Name;
            public string Category;
            public string SourceFile;
            public string Function;
            public TraceContext Trace;
            public string Text;
            public int TextStart;
            public int TextLength;
            public int TextSpan;
        }
    }
}
