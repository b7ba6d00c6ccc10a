using System;
using System.Text;
using System.Text.RegularExpressions;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// Llama Stack's <c>${env.NAME}</c>, <c>${env.NAME:=default}</c> and <c>${env.NAME:+value}</c> references
    /// in run.yaml values, resolved with its rules (an unset and an empty variable are the same).
    /// </summary>
    public static class EnvironmentReferences
    {
        private static readonly Regex Pattern = new Regex(
            "\\$\\{env\\.([A-Z0-9_]+)(?::([=+])([^}]*))?\\}", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>Whether the text holds at least one reference.</summary>
        public static bool Contains(string text) => text.IndexOf("${env.", StringComparison.Ordinal) >= 0 && Pattern.IsMatch(text);

        /// <summary>
        /// Replaces every reference. <paramref name="keyPath"/> (e.g. <c>logging.category_levels.core</c>) is
        /// named by the error for a required variable that is unset or empty.
        /// </summary>
        public static string Resolve(string text, string keyPath, Func<string, string> getVariable)
        {
            return Pattern.Replace(text, match =>
            {
                string name = match.Groups[1].Value;
                string op = match.Groups[2].Success ? match.Groups[2].Value : null;
                string expression = match.Groups[3].Value;
                string value = getVariable(name);
                bool set = !string.IsNullOrEmpty(value);
                string result;
                if (op == "=")
                {
                    result = set ? value : expression;
                }
                else if (op == "+")
                {
                    result = set ? expression : string.Empty;
                }
                else if (!set)
                {
                    throw new ConfigurationException(
                        ConfigurationErrorKind.UnresolvedEnvironmentVariable,
                        "Environment variable '" + name + "' not set or empty at " + keyPath + ". Use ${env." + name
                        + ":=default_value} to provide a default value, ${env." + name
                        + ":+value_if_set} to make the field conditional, or ensure the environment variable is set.");
                }
                else
                {
                    result = value;
                }

                return ExpandHome(result);
            });
        }

        /// <summary>
        /// The type Llama Stack gives a value after substitution (<c>_convert_string_to_proper_type</c>): an empty
        /// result is null, true/false are booleans, numbers are numbers; anything else stays a string.
        /// </summary>
        public static string TypeAfterSubstitution(string value)
        {
            if (value.Length == 0)
            {
                return YamlScalarTypes.Null;
            }

            string lowered = PythonText.Lower(value);
            if (lowered == "true" || lowered == "false")
            {
                return YamlScalarTypes.Boolean;
            }

            string stripped = PythonText.Strip(value);
            if (Regex.IsMatch(stripped, "^[+-]?[0-9]+(?:_[0-9]+)*$", RegexOptions.CultureInvariant))
            {
                return YamlScalarTypes.Integer;
            }

            if (Regex.IsMatch(stripped, "^[+-]?(?:(?:[0-9]+(?:_[0-9]+)*)?\\.?[0-9]+(?:_[0-9]+)*(?:[eE][+-]?[0-9]+)?|[0-9]+(?:_[0-9]+)*\\.|inf|infinity|nan)$",
                    RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
            {
                return YamlScalarTypes.Float;
            }

            return YamlScalarTypes.String;
        }

        // Llama Stack passes each substituted value through os.path.expanduser.
        private static string ExpandHome(string value)
        {
            if (value.Length == 0 || value[0] != '~' || (value.Length > 1 && value[1] != '/'))
            {
                return value;
            }

            string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE");
            return string.IsNullOrEmpty(home) ? value : new StringBuilder(home).Append(value, 1, value.Length - 1).ToString();
        }
    }
}
