using System;

namespace LlamaLog.Engine.Config
{
    /// <summary>What kind of configuration failure happened, so cmdlets can pick the ErrorId and category.</summary>
    public enum ConfigurationErrorKind
    {
        InvalidYaml,
        InvalidStructure,
        InvalidLevelType,
        UnresolvedEnvironmentVariable,
        FileNotFound,
        FileUnreadable,
    }

    /// <summary>A configuration that cannot be applied at all; the message names the problem and its place.</summary>
    public sealed class ConfigurationException : Exception
    {
        public ConfigurationException(ConfigurationErrorKind kind, string message, string source = null, int line = 0, int column = 0, Exception inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ConfigurationSource = source;
            Line = line;
            Column = column;
        }

        public ConfigurationErrorKind Kind { get; }

        public string ConfigurationSource { get; }

        public int Line { get; }

        public int Column { get; }
    }
}
