using System;
using System.Text.RegularExpressions;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// What Import-LlamaLog and ConvertFrom-LlamaLog keep: every condition given must hold. An entry without the
    /// field a condition looks at (no level, no time, no category) is left out by that condition. Name and category
    /// patterns come as predicates, so the cmdlets can use PowerShell's wildcards and the engine stays plain .NET.
    /// </summary>
    public sealed class LogEntryFilter
    {
        private const string CategorySeparator = "::";

        /// <summary>The lowest level kept.</summary>
        public LogLevel? MinimumLevel { get; set; }

        /// <summary>The earliest time kept (inclusive).</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>The latest time kept (inclusive).</summary>
        public DateTimeOffset? Until { get; set; }

        /// <summary>Whether a category matches; asked for the category and each of its parents (<c>core</c> for <c>core::routers</c>).</summary>
        public Func<string, bool> CategoryMatches { get; set; }

        /// <summary>Whether a logger name matches.</summary>
        public Func<string, bool> NameMatches { get; set; }

        /// <summary>A pattern the message must contain.</summary>
        public Regex MessagePattern { get; set; }

        public bool Accepts(LogEntry entry)
        {
            if (MinimumLevel.HasValue && (!entry.Level.HasValue || entry.Level.Value < MinimumLevel.Value))
            {
                return false;
            }

            if ((Since.HasValue || Until.HasValue) && !entry.Time.HasValue)
            {
                return false;
            }

            if (Since.HasValue && entry.Time.Value.UtcTicks < Since.Value.UtcTicks)
            {
                return false;
            }

            if (Until.HasValue && entry.Time.Value.UtcTicks > Until.Value.UtcTicks)
            {
                return false;
            }

            if (CategoryMatches != null && !CategoryOrParentMatches(entry.Category))
            {
                return false;
            }

            if (NameMatches != null && (entry.Name == null || !NameMatches(entry.Name)))
            {
                return false;
            }

            return MessagePattern == null || (entry.Message != null && MessagePattern.IsMatch(entry.Message));
        }

        // "core" selects "core::routers" as Llama Stack's get_logger falls back from a sub-category to its root.
        private bool CategoryOrParentMatches(string category)
        {
            if (category == null)
            {
                return false;
            }

            for (int end = category.IndexOf(CategorySeparator, StringComparison.Ordinal); end > 0; end = category.IndexOf(CategorySeparator, end + CategorySeparator.Length, StringComparison.Ordinal))
            {
                if (CategoryMatches(category.Substring(0, end)))
                {
                    return true;
                }
            }

            return CategoryMatches(category);
        }
    }
}
