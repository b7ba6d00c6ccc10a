namespace LlamaLog.Engine.Config
{
    /// <summary>A warning found while parsing a configuration: the text the seed logs, and where, when known.</summary>
    public sealed class ConfigurationProblem
    {
        public ConfigurationProblem(string message, string source = null, int line = 0, int column = 0)
        {
            Message = message;
            Source = source;
            Line = line;
            Column = column;
        }

        /// <summary>The warning text, word for word as the seed writes it where the seed has one.</summary>
        public string Message { get; }

        /// <summary>The file or input it came from, or null.</summary>
        public string Source { get; }

        public int Line { get; }

        public int Column { get; }

        public override string ToString() => Message;
    }
}
