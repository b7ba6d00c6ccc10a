using System.Threading;

namespace LlamaLog.Engine.Levels
{
    /// <summary>
    /// The live level of one category. Writers replace <see cref="Setting"/> atomically; readers take one
    /// volatile read, so a filtered-out record costs no lock and no allocation.
    /// </summary>
    public sealed class CategorySlot
    {
        private LevelSetting setting;

        internal CategorySlot(string name, LevelSetting initial)
        {
            Name = name;
            setting = initial;
        }

        public string Name { get; }

        public LevelSetting Setting
        {
            get { return Volatile.Read(ref setting); }
            internal set { Volatile.Write(ref setting, value); }
        }

        public int Level => Volatile.Read(ref setting).Value;
    }
}
