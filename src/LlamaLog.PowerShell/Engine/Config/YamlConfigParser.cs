using System;
using System.Collections.Generic;
using System.Globalization;
using LlamaLog.Engine.Isolation;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// Reads the category levels of a Llama Stack run.yaml (or any YAML text) and applies the seed's
    /// <c>parse_yaml_config</c> rules to them, after resolving <c>${env.…}</c> references.
    /// </summary>
    public static class YamlConfigParser
    {
        public const string TextSourceName = "YAML";

        // Where the levels may be, in order of precedence: the key the server reads, the key its schema
        // declares, and a bare top-level mapping.
        private static readonly string[][] SectionPaths =
        {
            new[] { "logging_config", "category_levels" },
            new[] { "logging", "category_levels" },
            new[] { "category_levels" },
        };

        private static readonly string[] TopLevelKeys = { "logging_config", "logging", "category_levels" };

        /// <summary>Parses YAML text. <paramref name="source"/> names it in messages: a file path, or "YAML".</summary>
        public static LevelConfiguration Parse(string text, string source, Func<string, string> getVariable = null)
        {
            getVariable = getVariable ?? Environment.GetEnvironmentVariable;
            var result = new LevelConfiguration(source);
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            object[] rootData = YamlIsolation.Read(text, TopLevelKeys);
            if (rootData == null)
            {
                result.Warn(Located(source, 0, 0, "the document is empty, so it sets no category levels."));
                return result;
            }

            var root = new YamlNode(rootData);
            if (root.IsError)
            {
                throw Failure(ConfigurationErrorKind.InvalidYaml, source, root, "invalid YAML: " + root.Text);
            }

            if (root.IsScalar && root.IsPlain && root.Tag == null && YamlScalarTypes.OfPlainText(root.Text) == YamlScalarTypes.Null)
            {
                result.Warn(Located(source, root.Line, root.Column, "the document is empty, so it sets no category levels."));
                return result;
            }

            if (!root.IsMapping)
            {
                throw Failure(ConfigurationErrorKind.InvalidStructure, source, root,
                    "the document's root is a " + root.Kind + ", not a mapping; a run.yaml is a mapping of settings.");
            }

            var topLevel = ReadMapping(root, string.Empty, source, result);
            var found = new List<KeyValuePair<string, YamlNode>>();
            foreach (string[] path in SectionPaths)
            {
                if (TryFind(topLevel, path, source, out YamlNode section))
                {
                    found.Add(new KeyValuePair<string, YamlNode>(string.Join(".", path), section));
                }
            }

            if (found.Count == 0)
            {
                return result;
            }

            if (found.Count > 1)
            {
                var names = new List<string>();
                foreach (KeyValuePair<string, YamlNode> item in found)
                {
                    names.Add("'" + item.Key + "'");
                }

                result.Warn(Located(source, found[1].Value.Line, found[1].Value.Column,
                    "more than one category_levels section is present (" + string.Join(", ", names) + "); using '" + found[0].Key + "' and ignoring the others."),
                    found[1].Value.Line, found[1].Value.Column);
            }

            ApplySection(found[0].Value, found[0].Key, source, result, getVariable);
            return result;
        }

        private static void ApplySection(YamlNode section, string sectionPath, string source, LevelConfiguration result, Func<string, string> getVariable)
        {
            if (!section.IsMapping)
            {
                throw Failure(ConfigurationErrorKind.InvalidStructure, source, section,
                    "'" + sectionPath + "' must be a mapping of category: level, but it is " + Describe(section) + ".");
            }

            foreach (KeyValuePair<string, YamlNode> pair in ReadMapping(section, sectionPath, source, result))
            {
                string keyPath = sectionPath + "." + pair.Key;
                YamlNode value = pair.Value;
                if (!value.IsScalar || YamlScalarTypes.Of(value) != YamlScalarTypes.String)
                {
                    throw Failure(ConfigurationErrorKind.InvalidLevelType, source, value,
                        "the level of '" + keyPath + "' is " + Describe(value) + ", not a string; write a level name such as 'debug' (quote it if YAML would read it otherwise).");
                }

                string level = value.Text;
                if (EnvironmentReferences.Contains(level))
                {
                    try
                    {
                        level = EnvironmentReferences.Resolve(level, keyPath, getVariable);
                    }
                    catch (ConfigurationException e)
                    {
                        throw Failure(e.Kind, source, value, e.Message);
                    }

                    string type = EnvironmentReferences.TypeAfterSubstitution(level);
                    if (type != YamlScalarTypes.String)
                    {
                        throw Failure(ConfigurationErrorKind.InvalidLevelType, source, value,
                            "the level of '" + keyPath + "' resolves to '" + level + "', which Llama Stack reads as a " + type + ", not a string.");
                    }
                }

                CategoryLevelRules.Apply(result, pair.Key, level, value.Line, value.Column);
            }
        }

        /// <summary>
        /// A mapping's string keys and values in PyYAML's dict order: merged (<c>&lt;&lt;</c>) pairs first, then
        /// the mapping's own, a later duplicate replacing the value but keeping the first position.
        /// </summary>
        private static List<KeyValuePair<string, YamlNode>> ReadMapping(YamlNode mapping, string path, string source, LevelConfiguration result)
        {
            var order = new List<string>();
            var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var explicitKeys = new HashSet<string>(StringComparer.Ordinal);

            void Put(string key, YamlNode value)
            {
                if (!values.ContainsKey(key))
                {
                    order.Add(key);
                }

                values[key] = value;
            }

            var merged = new List<KeyValuePair<YamlNode, YamlNode>>();
            var own = new List<KeyValuePair<YamlNode, YamlNode>>();
            foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Pairs)
            {
                bool isMerge = pair.Key.IsScalar && pair.Key.IsPlain && pair.Key.Tag == null && pair.Key.Text == "<<";
                if (isMerge)
                {
                    CollectMerge(pair.Value, path, source, merged);
                }
                else
                {
                    own.Add(pair);
                }
            }

            foreach (KeyValuePair<YamlNode, YamlNode> pair in merged)
            {
                Put(KeyText(pair.Key, path, source), pair.Value);
            }

            foreach (KeyValuePair<YamlNode, YamlNode> pair in own)
            {
                string key = KeyText(pair.Key, path, source);
                if (!explicitKeys.Add(key))
                {
                    string where = path.Length == 0 ? "'" + key + "'" : "'" + path + "." + key + "'";
                    result.Warn(Located(source, pair.Key.Line, pair.Key.Column,
                        "duplicate key " + where + "; the later value is used."), pair.Key.Line, pair.Key.Column);
                }

                Put(key, pair.Value);
            }

            var list = new List<KeyValuePair<string, YamlNode>>(order.Count);
            foreach (string key in order)
            {
                list.Add(new KeyValuePair<string, YamlNode>(key, values[key]));
            }

            return list;
        }

        private static void CollectMerge(YamlNode value, string path, string source, List<KeyValuePair<YamlNode, YamlNode>> into)
        {
            if (value.IsMapping)
            {
                into.AddRange(value.Pairs);
                return;
            }

            if (value.IsSequence)
            {
                // PyYAML merges a list of mappings so that earlier ones win: take them last to first.
                var items = new List<YamlNode>(value.Items);
                for (int i = items.Count - 1; i >= 0; i--)
                {
                    if (!items[i].IsMapping)
                    {
                        throw Failure(ConfigurationErrorKind.InvalidStructure, source, items[i], "a merge key (<<) list may hold only mappings.");
                    }

                    into.AddRange(items[i].Pairs);
                }

                return;
            }

            throw Failure(ConfigurationErrorKind.InvalidStructure, source, value, "a merge key (<<) needs a mapping or a list of mappings.");
        }

        private static string KeyText(YamlNode key, string path, string source)
        {
            if (key.IsScalar && YamlScalarTypes.Of(key) == YamlScalarTypes.String)
            {
                return key.Text;
            }

            string where = path.Length == 0 ? "at the top level" : "in '" + path + "'";
            throw Failure(ConfigurationErrorKind.InvalidStructure, source, key,
                "a key " + where + " is " + Describe(key) + ", not a string.");
        }

        private static bool TryFind(List<KeyValuePair<string, YamlNode>> topLevel, string[] path, string source, out YamlNode section)
        {
            section = default(YamlNode);
            YamlNode? current = Lookup(topLevel, path[0]);
            if (current == null)
            {
                return false;
            }

            if (path.Length == 1)
            {
                section = current.Value;
                return true;
            }

            YamlNode parent = current.Value;
            if (parent.IsScalar && YamlScalarTypes.Of(parent) == YamlScalarTypes.Null)
            {
                return false;
            }

            if (!parent.IsMapping)
            {
                throw Failure(ConfigurationErrorKind.InvalidStructure, source, parent,
                    "'" + path[0] + "' must be a mapping, but it is " + Describe(parent) + ".");
            }

            var children = ReadMapping(parent, path[0], source, new LevelConfiguration(source));
            YamlNode? child = Lookup(children, path[1]);
            if (child == null)
            {
                return false;
            }

            section = child.Value;
            return true;
        }

        private static YamlNode? Lookup(List<KeyValuePair<string, YamlNode>> pairs, string key)
        {
            foreach (KeyValuePair<string, YamlNode> pair in pairs)
            {
                if (pair.Key == key)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        private static string Describe(YamlNode node)
        {
            if (node.IsMapping)
            {
                return "a mapping";
            }

            if (node.IsSequence)
            {
                return "a list";
            }

            string type = YamlScalarTypes.Of(node);
            switch (type)
            {
                case YamlScalarTypes.String: return "the string '" + node.Text + "'";
                case YamlScalarTypes.Null: return "null";
                case YamlScalarTypes.Integer: return "an integer (" + node.Text + ")";
                default: return "a " + type + " (" + node.Text + ")";
            }
        }

        private static ConfigurationException Failure(ConfigurationErrorKind kind, string source, YamlNode at, string problem)
        {
            return new ConfigurationException(kind, Located(source, at.Line, at.Column, problem), source, at.Line, at.Column);
        }

        private static string Located(string source, int line, int column, string problem)
        {
            if (line <= 0)
            {
                return source + ": " + problem;
            }

            return string.Format(CultureInfo.InvariantCulture, "{0}, line {1}, column {2}: {3}", source, line, column, problem);
        }
    }
}
