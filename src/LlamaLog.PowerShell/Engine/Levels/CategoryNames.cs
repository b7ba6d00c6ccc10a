using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Levels
{
    /// <summary>The fixed words of the category model, as the seed defines them.</summary>
    public static class CategoryNames
    {
        public const string All = "all";
        public const string Root = "root";
        public const string Uncategorized = "uncategorized";
        public const string SubCategorySeparator = "::";

        /// <summary>The seed's predefined categories, in its order.</summary>
        public static readonly IReadOnlyList<string> Predefined = new[]
        {
            "core", "server", "router", "inference", "agents", "safety", "eval", "tools", "client",
            "openai", "openai_responses", "openai_conversations", "testing", "providers", "models",
            "files", "vector_io", "tool_runtime", "cli", "post_training", "scoring", "tests",
        };

        /// <summary>Whether a name may be registered: lower-case ASCII letters, digits and '_'.</summary>
        public static bool IsValidNewName(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            foreach (char c in name)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The part of <c>a::b</c> before the first separator, or null when there is none.</summary>
        public static string ParentOf(string category)
        {
            int at = category.IndexOf(SubCategorySeparator, StringComparison.Ordinal);
            return at < 0 ? null : category.Substring(0, at);
        }
    }
}
