using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The tags markup has opened and not yet closed. A named close removes the innermost tag with that
    /// normalized name from wherever it sits, leaving the tags above it open. Removed entries become tombstones;
    /// once the stack is deep, a name index makes that search constant-time, so 10,000 nested or crossed tags
    /// stay linear.
    /// </summary>
    internal sealed class OpenTagStack
    {
        private const int IndexThreshold = 32;

        private readonly List<Entry> entries = new List<Entry>();
        private Dictionary<string, List<int>> byName;
        private int live;

        public int Count => live;

        public void Clear()
        {
            entries.Clear();
            byName = null;
            live = 0;
        }

        public void Push(int start, string name, string parameters)
        {
            entries.Add(new Entry(start, name, parameters));
            live++;
            if (byName != null)
            {
                IndexOf(name).Add(entries.Count - 1);
            }
            else if (live > IndexThreshold)
            {
                BuildIndex();
            }
        }

        /// <summary>Removes and returns the innermost open tag (the implicit close <c>[/]</c>); false when none is open.</summary>
        public bool TryPop(out int start, out string name, out string parameters)
        {
            DropTombstones();
            if (entries.Count == 0)
            {
                start = 0;
                name = null;
                parameters = null;
                return false;
            }

            int top = entries.Count - 1;
            Entry entry = entries[top];
            if (byName != null)
            {
                List<int> positions = byName[entry.Name];
                positions.RemoveAt(positions.Count - 1);
            }

            entries.RemoveAt(top);
            live--;
            start = entry.Start;
            name = entry.Name;
            parameters = entry.Parameters;
            return true;
        }

        /// <summary>Removes and returns the innermost open tag with this normalized name; false when there is none.</summary>
        public bool TryRemove(string name, out int start, out string parameters)
        {
            int position = -1;
            if (byName != null)
            {
                if (byName.TryGetValue(name, out List<int> positions) && positions.Count > 0)
                {
                    position = positions[positions.Count - 1];
                    positions.RemoveAt(positions.Count - 1);
                }
            }
            else
            {
                for (int i = entries.Count - 1; i >= 0; i--)
                {
                    if (!entries[i].Removed && string.Equals(entries[i].Name, name, StringComparison.Ordinal))
                    {
                        position = i;
                        break;
                    }
                }
            }

            if (position < 0)
            {
                start = 0;
                parameters = null;
                return false;
            }

            Entry entry = entries[position];
            start = entry.Start;
            parameters = entry.Parameters;
            entries[position] = entry.AsRemoved();
            live--;
            DropTombstones();
            return true;
        }

        private void DropTombstones()
        {
            int count = entries.Count;
            while (count > 0 && entries[count - 1].Removed)
            {
                count--;
            }

            if (count < entries.Count)
            {
                entries.RemoveRange(count, entries.Count - count);
            }
        }

        private List<int> IndexOf(string name)
        {
            if (!byName.TryGetValue(name, out List<int> positions))
            {
                positions = new List<int>();
                byName[name] = positions;
            }

            return positions;
        }

        private void BuildIndex()
        {
            byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++)
            {
                if (!entries[i].Removed)
                {
                    IndexOf(entries[i].Name).Add(i);
                }
            }
        }

        private readonly struct Entry
        {
            public Entry(int start, string name, string parameters, bool removed = false)
            {
                Start = start;
                Name = name;
                Parameters = parameters;
                Removed = removed;
            }

            public int Start { get; }

            public string Name { get; }

            public string Parameters { get; }

            public bool Removed { get; }

            public Entry AsRemoved()
            {
                return new Entry(Start, Name, Parameters, true);
            }
        }
    }
}
