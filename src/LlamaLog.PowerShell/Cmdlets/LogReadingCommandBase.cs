using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using LlamaLog.Engine.Reading;

namespace LlamaLog.Cmdlets
{
    /// <summary>The selection and format parameters Import-LlamaLog and ConvertFrom-LlamaLog share, and the filter they make.</summary>
    public abstract class LogReadingCommandBase : PSCmdlet
    {
        /// <summary>Categories to keep; a category also selects its sub-categories (<c>core</c> keeps <c>core::routers</c>). Wildcards.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Category { get; set; }

        /// <summary>The lowest level to keep; entries without a level are left out.</summary>
        [Parameter]
        [LogLevelTransformation]
        public LogLevel Level { get; set; }

        /// <summary>Keep entries written at or after this time; a [timespan] means that long ago.</summary>
        [Parameter]
        [PastTimeTransformation]
        public DateTime Since { get; set; }

        /// <summary>Keep entries written at or before this time; a [timespan] means that long ago.</summary>
        [Parameter]
        [PastTimeTransformation]
        public DateTime Until { get; set; }

        /// <summary>Logger names to keep. Wildcards.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        /// <summary>A regular expression the message must match (case-insensitive, as -match).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Match { get; set; }

        /// <summary>The format to read; Auto decides per record.</summary>
        [Parameter]
        [ValidateSet("Auto", "Text", "Json", "Structlog", "Console", IgnoreCase = true)]
        public LogFormat Format { get; set; } = LogFormat.Auto;

        /// <summary>The filter of the bound parameters; null when none selects anything.</summary>
        protected LogEntryFilter CreateFilter()
        {
            var bound = MyInvocation.BoundParameters;
            bool any = false;
            var filter = new LogEntryFilter();
            if (bound.ContainsKey(nameof(Level)))
            {
                filter.MinimumLevel = Level;
                any = true;
            }

            if (bound.ContainsKey(nameof(Since)))
            {
                filter.Since = AsOffset(Since);
                any = true;
            }

            if (bound.ContainsKey(nameof(Until)))
            {
                filter.Until = AsOffset(Until);
                any = true;
            }

            if (Category != null)
            {
                filter.CategoryMatches = Matcher(Category);
                any = true;
            }

            if (Name != null)
            {
                filter.NameMatches = Matcher(Name);
                any = true;
            }

            if (Match != null)
            {
                filter.MessagePattern = new Regex(Match, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                any = true;
            }

            return any ? filter : null;
        }

        // A [datetime] of unspecified kind (what PowerShell makes of '10:00') is local time, as the text formats are.
        private static DateTimeOffset AsOffset(DateTime time)
        {
            return time.Kind == DateTimeKind.Utc ? new DateTimeOffset(time) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Local));
        }

        private static Func<string, bool> Matcher(string[] patterns)
        {
            var wildcards = new WildcardPattern[patterns.Length];
            for (int i = 0; i < patterns.Length; i++)
            {
                wildcards[i] = WildcardPattern.Get(patterns[i], WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            }

            return text =>
            {
                foreach (WildcardPattern pattern in wildcards)
                {
                    if (pattern.IsMatch(text))
                    {
                        return true;
                    }
                }

                return false;
            };
        }
    }
}
