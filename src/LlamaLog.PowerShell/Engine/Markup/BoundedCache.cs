using System;
using System.Collections.Concurrent;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// A thread-safe memo of immutable values with a fixed capacity. When it is full it starts again empty:
    /// log messages repeat their styles, so a simple reset keeps the hit rate high without any bookkeeping.
    /// </summary>
    internal sealed class BoundedCache<TValue>
        where TValue : class
    {
        private const int MaxKeyLength = 256;
        private readonly int capacity;
        private ConcurrentDictionary<string, TValue> entries = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);

        public BoundedCache(int capacity)
        {
            this.capacity = capacity;
        }

        public bool TryGet(string key, out TValue value)
        {
            return entries.TryGetValue(key, out value);
        }

        public void Add(string key, TValue value)
        {
            // Very long keys (a tag body can be megabytes) would pin memory for no benefit.
            if (key.Length > MaxKeyLength)
            {
                return;
            }

            ConcurrentDictionary<string, TValue> current = entries;
            if (current.Count >= capacity)
            {
                // Replacing the whole dictionary is atomic for readers; a concurrent Add may land in the old one.
                current = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
                entries = current;
            }

            current[key] = value;
        }
    }
}
