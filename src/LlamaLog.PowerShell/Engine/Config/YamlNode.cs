using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// A read-only view of a node made by <see cref="YamlSyntaxReader"/>. Wrapping instead of converting keeps
    /// deep or aliased trees cheap: nothing is copied, and only what the configuration reader visits is touched.
    /// </summary>
    public readonly struct YamlNode
    {
        private readonly object[] data;

        public YamlNode(object[] data)
        {
            this.data = data ?? throw new ArgumentNullException(nameof(data));
        }

        public string Kind => (string)data[YamlSyntaxReader.KindIndex];

        public bool IsScalar => Kind == YamlSyntaxReader.Scalar;

        public bool IsMapping => Kind == YamlSyntaxReader.Mapping;

        public bool IsSequence => Kind == YamlSyntaxReader.Sequence;

        public bool IsError => Kind == YamlSyntaxReader.Error;

        public int Line => (int)data[YamlSyntaxReader.LineIndex];

        public int Column => (int)data[YamlSyntaxReader.ColumnIndex];

        /// <summary>The explicit tag (<c>tag:yaml.org,2002:str</c>, <c>!</c>), or null when the node has none.</summary>
        public string Tag => (string)data[YamlSyntaxReader.TagIndex];

        /// <summary>Whether a scalar was written unquoted, so YAML 1.1 resolves its type from its text.</summary>
        public bool IsPlain => (bool)data[YamlSyntaxReader.PlainIndex];

        /// <summary>A scalar's text, or an error node's message.</summary>
        public string Text => data[YamlSyntaxReader.ValueIndex] as string;

        /// <summary>A mapping's keys and values as pairs, in document order.</summary>
        public IEnumerable<KeyValuePair<YamlNode, YamlNode>> Pairs
        {
            get
            {
                var children = (List<object[]>)data[YamlSyntaxReader.ValueIndex];
                for (int i = 0; i + 1 < children.Count; i += 2)
                {
                    yield return new KeyValuePair<YamlNode, YamlNode>(new YamlNode(children[i]), new YamlNode(children[i + 1]));
                }
            }
        }

        /// <summary>A sequence's items.</summary>
        public IEnumerable<YamlNode> Items
        {
            get
            {
                foreach (object[] child in (List<object[]>)data[YamlSyntaxReader.ValueIndex])
                {
                    yield return new YamlNode(child);
                }
            }
        }
    }
}
