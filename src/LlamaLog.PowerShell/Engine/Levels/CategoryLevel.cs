namespace LlamaLog
{
    /// <summary>One category and its level: a parsed configuration entry, or a level in force.</summary>
    public sealed class CategoryLevel
    {
        public CategoryLevel(string category, int value, string source)
        {
            Category = category;
            Value = value;
            Source = source;
        }

        public string Category { get; }

        /// <summary>The level as the enum; a number outside the six levels shows as that number.</summary>
        public LogLevel Level => (LogLevel)Value;

        public int Value { get; }

        /// <summary>Where the level came from: Default, Environment, a file path, Set-LlamaLogLevel, ...</summary>
        public string Source { get; }

        public override string ToString()
        {
            return Category + "=" + Engine.Levels.LevelNames.ToPythonName(Value);
        }
    }
}
