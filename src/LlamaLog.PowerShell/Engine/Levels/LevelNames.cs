using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Levels
{
    /// <summary>
    /// Python's level names (<c>logging._nameToLevel</c>) and the reverse mapping used in output.
    /// Look-ups are ordinal: the caller decides whether the text was upper-cased first, as the seed does.
    /// </summary>
    public static class LevelNames
    {
        private static readonly Dictionary<string, int> NameToValue = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["CRITICAL"] = 50,
            ["FATAL"] = 50,
            ["ERROR"] = 40,
            ["WARN"] = 30,
            ["WARNING"] = 30,
            ["INFO"] = 20,
            ["DEBUG"] = 10,
            ["NOTSET"] = 0,
        };

        /// <summary>The names a user may type, for messages and completion.</summary>
        public static readonly IReadOnlyList<string> AcceptedNames = new[]
        {
            "NotSet", "Debug", "Info", "Warning", "Warn", "Error", "Critical", "Fatal",
        };

        /// <summary>The canonical names in level order, for completion.</summary>
        public static readonly IReadOnlyList<string> CanonicalNames = new[]
        {
            "Debug", "Info", "Warning", "Error", "Critical", "NotSet",
        };

        // The spellings scripts actually type (DEBUG, debug, Debug), found without trimming or upper-casing:
        // -Level is bound at every Write-LlamaLog call, filtered out or not.
        private static readonly Dictionary<string, int> CommonSpellings = BuildCommonSpellings();

        /// <summary>Looks up an exact upper-case Python level name.</summary>
        public static bool TryGetValue(string upperName, out int value)
        {
            if (upperName == null)
            {
                value = 0;
                return false;
            }

            return NameToValue.TryGetValue(upperName, out value);
        }

        /// <summary>
        /// Parses what a user typed for a level: a name in any ASCII letter case, or one of the six numbers.
        /// </summary>
        public static bool TryParse(string text, out LogLevel level)
        {
            level = LogLevel.NotSet;
            if (text == null)
            {
                return false;
            }

            if (CommonSpellings.TryGetValue(text, out int common))
            {
                level = (LogLevel)common;
                return true;
            }

            string trimmed = text.Trim();
            if (NameToValue.TryGetValue(AsciiUpper(trimmed), out int value))
            {
                level = (LogLevel)value;
                return true;
            }

            if (WholeNumber.TryParse(trimmed, out long number) && number >= 0 && number <= 50 && IsDefined((int)number))
            {
                level = (LogLevel)number;
                return true;
            }

            return false;
        }

        /// <summary>
        /// Converts what a caller passed as a level: the enum, a name (any letter case, WARN and FATAL too), or one
        /// of the six numbers as any numeric type whose value is whole (<c>20</c>, <c>20.0</c>, <c>[decimal]20</c>) or
        /// as digits (<c>'20'</c>); see <see cref="WholeNumber"/>. Everything else is refused.
        /// </summary>
        public static bool TryConvert(object value, out int level)
        {
            level = 0;
            switch (value)
            {
                case LogLevel known when IsDefined((int)known):
                    level = (int)known;
                    return true;
                case string text when TryParse(text, out LogLevel parsed):
                    level = (int)parsed;
                    return true;
                case string _:
                    return false;
                default:
                    if (WholeNumber.TryConvert(value, out long number) && number >= 0 && number <= 50 && IsDefined((int)number))
                    {
                        level = (int)number;
                        return true;
                    }

                    return false;
            }
        }

        private static Dictionary<string, int> BuildCommonSpellings()
        {
            var spellings = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, int> entry in NameToValue)
            {
                string lower = entry.Key.ToLowerInvariant();
                spellings[entry.Key] = entry.Value;
                spellings[lower] = entry.Value;
                spellings[entry.Key.Substring(0, 1) + lower.Substring(1)] = entry.Value;
            }

            foreach (string name in AcceptedNames)
            {
                spellings[name] = NameToValue[name.ToUpperInvariant()];
            }

            return spellings;
        }

        /// <summary>Whether a number is one of the six levels.</summary>
        public static bool IsDefined(int value)
        {
            return value == 0 || value == 10 || value == 20 || value == 30 || value == 40 || value == 50;
        }

        /// <summary>The record's level name as Python prints it: <c>INFO</c>, or <c>Level 25</c>.</summary>
        public static string ToPythonName(int value)
        {
            switch (value)
            {
                case 0: return "NOTSET";
                case 10: return "DEBUG";
                case 20: return "INFO";
                case 30: return "WARNING";
                case 40: return "ERROR";
                case 50: return "CRITICAL";
                default: return "Level " + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        /// <summary>
        /// structlog's level name, as OGX's JSON lines write it: the logging method's name, lowercase (<c>warning</c>,
        /// <c>critical</c>); another number is Python's name lowercased. The usual ones without an allocation per record.
        /// </summary>
        public static string ToStructlogName(int value)
        {
            switch (value)
            {
                case 10: return "debug";
                case 20: return "info";
                case 30: return "warning";
                case 40: return "error";
                case 50: return "critical";
                default: return ToPythonName(value).ToLowerInvariant();
            }
        }

        /// <summary>The sentence used by every level error.</summary>
        public static string DescribeAccepted()
        {
            return "Accepted levels: " + string.Join(", ", AcceptedNames)
                + " (any letter case), or 0, 10, 20, 30, 40, 50 (as a number of any type whose value is whole, such as 10 or 10.0, or as digits).";
        }

        // Only ASCII letters matter for the names above; culture-aware casing would turn 'i' into 'İ' under tr-TR.
        private static string AsciiUpper(string text)
        {
            char[] chars = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 'a' && c <= 'z')
                {
                    if (chars == null)
                    {
                        chars = text.ToCharArray();
                    }

                    chars[i] = (char)(c - 32);
                }
            }

            return chars == null ? text : new string(chars);
        }
    }
}
