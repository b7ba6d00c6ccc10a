using LlamaLog.Engine.Levels;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// The seed's <c>config_to_category_levels</c>: one category/level pair into the result, with its warnings.
    /// Shared by the environment and YAML parsers, which differ only in how they prepare the two strings.
    /// </summary>
    public static class CategoryLevelRules
    {
        public static void Apply(LevelConfiguration target, string category, string level, int line = 0, int column = 0)
        {
            if (!LevelNames.TryGetValue(PythonText.Upper(level), out int value))
            {
                target.Warn("Unknown log level '" + level + "' for category '" + category + "'. Falling back to default 'INFO'.", line, column);
                return;
            }

            if (category == CategoryNames.All)
            {
                foreach (string name in CategoryLevels.NamesOf(category))
                {
                    target.Set(name, value);
                }
            }
            else if (CategoryLevels.IsCategory(category))
            {
                target.Set(category, value);
            }
            else
            {
                target.Warn("Unknown logging category: " + category + ". No changes made.", line, column);
            }
        }
    }
}
