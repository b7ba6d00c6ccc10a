namespace LlamaLog.Engine.Levels
{
    /// <summary>An immutable level with where it came from, swapped as one reference so readers never see a torn pair.</summary>
    public sealed class LevelSetting
    {
        public LevelSetting(int value, string source)
        {
            Value = value;
            Source = source;
        }

        public int Value { get; }

        public string Source { get; }
    }
}
