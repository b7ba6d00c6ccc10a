using System.Text.RegularExpressions;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// How PyYAML's <c>safe_load</c> (YAML 1.1) types a plain scalar, so that the reader refuses the same
    /// non-string levels Llama Stack refuses (<c>debug: 10</c>, <c>core: yes</c>, <c>core: ~</c>).
    /// </summary>
    public static class YamlScalarTypes
    {
        public const string String = "string";
        public const string Boolean = "boolean";
        public const string Integer = "integer";
        public const string Float = "float";
        public const string Null = "null";
        public const string Timestamp = "timestamp";

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

        private static readonly Regex BooleanPattern = new Regex(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", Options);

        private static readonly Regex IntegerPattern = new Regex(
            "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", Options);

        private static readonly Regex FloatPattern = new Regex(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$", Options);

        private static readonly Regex NullPattern = new Regex("^(?:~|null|Null|NULL|)$", Options);

        private static readonly Regex TimestampPattern = new Regex(
            "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$", Options);

        /// <summary>The type PyYAML gives a scalar node: quoted and <c>!!str</c>-tagged scalars are strings.</summary>
        public static string Of(YamlNode scalar)
        {
            string tag = scalar.Tag;
            if (tag != null)
            {
                switch (tag)
                {
                    case "!":
                    case "tag:yaml.org,2002:str": return String;
                    case "tag:yaml.org,2002:int": return Integer;
                    case "tag:yaml.org,2002:float": return Float;
                    case "tag:yaml.org,2002:bool": return Boolean;
                    case "tag:yaml.org,2002:null": return Null;
                    case "tag:yaml.org,2002:timestamp": return Timestamp;
                    default: return "value tagged " + tag;
                }
            }

            return scalar.IsPlain ? OfPlainText(scalar.Text) : String;
        }

        /// <summary>The type of an untagged plain scalar's text.</summary>
        public static string OfPlainText(string text)
        {
            if (text.Length == 0 || NullPattern.IsMatch(text))
            {
                return Null;
            }

            char first = text[0];
            if (BooleanPattern.IsMatch(text))
            {
                return Boolean;
            }

            bool numeric = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
            if (numeric && IntegerPattern.IsMatch(text))
            {
                return Integer;
            }

            if (numeric && FloatPattern.IsMatch(text))
            {
                return Float;
            }

            if (first >= '0' && first <= '9' && TimestampPattern.IsMatch(text))
            {
                return Timestamp;
            }

            return String;
        }
    }
}
