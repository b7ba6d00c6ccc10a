using LlamaLog.Engine.Levels;

namespace LlamaLog.Engine.Reading
{
    /// <summary>The level names the formats write: Python's (<c>WARNING</c>), structlog's (<c>warning</c>, <c>exception</c>).</summary>
    internal static class LevelText
    {
        /// <summary>The level a name stands for, in any letter case; null for a name that is not a level (<c>trace</c>).</summary>
        public static LogLevel? Parse(string name)
        {
            if (LevelNames.TryParse(name, out LogLevel level))
            {
                return level;
            }

            // structlog's add_log_level calls logger.exception's records "error", but a hand-made record may say "exception".
            if (string.Equals(name, "exception", System.StringComparison.OrdinalIgnoreCase))
            {
                return LogLevel.Error;
            }

            return null;
        }
    }
}
