using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// The result of parsing a configuration: category → level in the order the seed's dict would hold them
    /// (a key keeps its first position when a later entry changes its value), and the warnings met on the way.
    /// </summary>
    public sealed class LevelConfiguration
    {
        private readonly List<string> order = new List<string>();
        private readonly Dictionary<string, int> values = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<ConfigurationProblem> problems = new List<ConfigurationProblem>();

        public LevelConfiguration(string source)
        {
            Source = source;
        }

        /// <summary>Where the configuration came from: a file path, "Environment", "YAML".</summary>
        public string Source { get; }

        public IReadOnlyList<ConfigurationProblem> Problems => problems;

        public int Count => order.Count;

        public IEnumerable<KeyValuePair<string, int>> Entries
        {
            get
            {
                foreach (string key in order)
                {
                    yield return new KeyValuePair<string, int>(key, values[key]);
                }
            }
        }

        public void Set(string category, int value)
        {
            if (!values.ContainsKey(category))
            {
                order.Add(category);
            }

            values[category] = value;
        }

        public void Warn(string message, int line = 0, int column = 0)
        {
            problems.Add(new ConfigurationProblem(message, Source, line, column));
        }
    }
}
