namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// The <c>LLAMA_STACK_LOGGING</c> syntax, as the seed's <c>parse_environment_config</c> reads it:
    /// comma-separated <c>category=level</c> pairs, split at the first '=', stripped and cased as Python does.
    /// </summary>
    public static class EnvironmentConfigParser
    {
        public const string SourceName = "Environment";

        public static LevelConfiguration Parse(string text, string source = SourceName)
        {
            var result = new LevelConfiguration(source);
            if (string.IsNullOrEmpty(text))
            {
                return result;
            }

            foreach (string pair in text.Split(','))
            {
                if (PythonText.Strip(pair).Length == 0)
                {
                    continue;
                }

                int equals = pair.IndexOf('=');
                if (equals < 0)
                {
                    result.Warn("Invalid logging configuration: '" + pair + "'. Expected format: 'category=level'.");
                    continue;
                }

                string category = PythonText.Lower(PythonText.Strip(pair.Substring(0, equals)));
                string level = PythonText.Upper(PythonText.Strip(pair.Substring(equals + 1)));
                CategoryLevelRules.Apply(result, category, level);
            }

            return result;
        }
    }
}
