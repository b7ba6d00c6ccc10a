using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// The only code that touches YamlDotNet. On PowerShell 7 it runs inside the module's own load context
    /// (see <see cref="Isolation.YamlIsolation"/>), so everything it returns is built from BCL types only:
    /// a node is an <c>object[]</c> laid out as <see cref="YamlNode"/> reads it.
    /// Aliases become shared references, never copies, so an alias bomb costs no memory; only the values of the
    /// wanted top-level keys (and anchored nodes) are kept, so a huge run.yaml is read in one streaming pass.
    /// </summary>
    public static class YamlSyntaxReader
    {
        internal const int KindIndex = 0;
        internal const int LineIndex = 1;
        internal const int ColumnIndex = 2;
        internal const int TagIndex = 3;
        internal const int PlainIndex = 4;
        internal const int ValueIndex = 5;
        internal const int NodeLength = 6;

        public const string Scalar = "scalar";
        public const string Mapping = "mapping";
        public const string Sequence = "sequence";
        public const string Error = "error";

        /// <summary>
        /// Deeper nesting is refused: no configuration needs it, and YamlDotNet's scanner slows down with
        /// depth (100,000 nested brackets take a minute), so a hostile file is stopped early.
        /// </summary>
        public const int MaxDepth = 256;

        /// <summary>
        /// Reads the first document. Returns null for an empty stream, an error node
        /// (<c>{"error", line, column, null, false, message}</c>) for a syntax error, or the root node.
        /// </summary>
        public static object[] Read(string text, string[] wantedTopLevelKeys)
        {
            try
            {
                return ReadDocument(text, new HashSet<string>(wantedTopLevelKeys ?? new string[0], StringComparer.Ordinal));
            }
            catch (YamlException e)
            {
                string message = Describe(e);
                long line = e.Start.Line;
                long column = e.Start.Column;
                if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    // YamlDotNet reports a tab in indentation at the start of the enclosing mapping; name the tab.
                    FindIndentationTab(text, ref line, ref column);
                }

                return ErrorNode(line, column, message);
            }
            catch (DepthException e)
            {
                return ErrorNode(e.Line, e.Column, "collections are nested more than " + MaxDepth + " levels deep.");
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is FormatException)
            {
                return ErrorNode(0, 0, e.Message);
            }
        }

        private static void FindIndentationTab(string text, ref long line, ref long column)
        {
            int number = 1;
            int lineStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    number++;
                    lineStart = i + 1;
                }
                else if (c == '\t')
                {
                    bool indentation = true;
                    for (int j = lineStart; j < i; j++)
                    {
                        if (text[j] != ' ' && text[j] != '-')
                        {
                            indentation = false;
                            break;
                        }
                    }

                    if (indentation)
                    {
                        line = number;
                        column = i - lineStart + 1;
                        return;
                    }
                }
            }
        }

        private sealed class DepthException : Exception
        {
            public DepthException(long line, long column)
            {
                Line = line;
                Column = column;
            }

            public long Line { get; }

            public long Column { get; }
        }

        private static object[] ReadDocument(string text, HashSet<string> wanted)
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, object[]>(StringComparer.Ordinal);
            var stack = new Stack<Frame>();
            object[] root = null;
            int documents = 0;

            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current;
                switch (current)
                {
                    case DocumentStart _:
                        documents++;
                        if (documents > 1)
                        {
                            return ErrorNode(current.Start.Line, current.Start.Column,
                                "expected a single document in the stream, but found another document");
                        }

                        break;

                    case YamlDotNet.Core.Events.Scalar scalar:
                    {
                        bool keep = stack.Count == 0 || stack.Peek().KeepsNextChild() || !scalar.Anchor.IsEmpty;
                        object[] node = keep
                            ? NewNode(Scalar, current, scalar.Tag, scalar.Style == ScalarStyle.Plain, scalar.Value)
                            : null;
                        Register(anchors, scalar.Anchor, node);
                        root = Attach(stack, node, root);
                        break;
                    }

                    case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out object[] target))
                        {
                            return ErrorNode(current.Start.Line, current.Start.Column, "found undefined alias '" + alias.Value.Value + "'");
                        }

                        root = Attach(stack, target, root);
                        break;
                    }

                    case MappingStart mapping:
                        root = Open(stack, anchors, current, mapping.Anchor, mapping.Tag, Mapping, root, wanted);
                        break;

                    case SequenceStart sequence:
                        root = Open(stack, anchors, current, sequence.Anchor, sequence.Tag, Sequence, root, wanted);
                        break;

                    case MappingEnd _:
                    case SequenceEnd _:
                        stack.Pop();
                        break;
                }
            }

            return root;
        }

        private static object[] Open(Stack<Frame> stack, Dictionary<string, object[]> anchors, ParsingEvent start,
            AnchorName anchor, TagName tag, string kind, object[] root, HashSet<string> wanted)
        {
            if (stack.Count >= MaxDepth)
            {
                throw new DepthException(start.Start.Line, start.Start.Column);
            }

            bool isRoot = stack.Count == 0;
            bool keep = isRoot || stack.Peek().KeepsNextChild() || !anchor.IsEmpty;
            object[] node = NewNode(kind, start, tag, false, keep ? new List<object[]>() : null);
            Register(anchors, anchor, node);
            root = Attach(stack, node, root);

            // The root mapping keeps its keys but only the values of the wanted keys.
            stack.Push(new Frame(node, keep, isRoot && kind == Mapping ? wanted : null));
            return root;
        }

        private static object[] Attach(Stack<Frame> stack, object[] node, object[] root)
        {
            if (stack.Count == 0)
            {
                return node;
            }

            stack.Peek().Add(node);
            return root;
        }

        private static void Register(Dictionary<string, object[]> anchors, AnchorName anchor, object[] node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        private static object[] NewNode(string kind, ParsingEvent at, TagName tag, bool plain, object value)
        {
            var node = new object[NodeLength];
            node[KindIndex] = kind;
            node[LineIndex] = (int)at.Start.Line;
            node[ColumnIndex] = (int)at.Start.Column;
            node[TagIndex] = tag.IsEmpty || tag.IsNonSpecific ? (tag.IsNonSpecific ? "!" : null) : tag.Value;
            node[PlainIndex] = plain;
            node[ValueIndex] = value;
            return node;
        }

        private static object[] ErrorNode(long line, long column, string message)
        {
            var node = new object[NodeLength];
            node[KindIndex] = Error;
            node[LineIndex] = (int)line;
            node[ColumnIndex] = (int)column;
            node[PlainIndex] = false;
            node[ValueIndex] = message;
            return node;
        }

        private static string Describe(YamlException e)
        {
            // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the caller names the place itself.
            string message = e.Message;
            int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            return cut >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message;
        }

        private sealed class Frame
        {
            private readonly object[] node;
            private readonly bool keep;
            private readonly HashSet<string> wantedKeys;
            private int count;
            private bool keepNextValue;

            public Frame(object[] node, bool keep, HashSet<string> wantedKeys)
            {
                this.node = node;
                this.keep = keep;
                this.wantedKeys = wantedKeys;
            }

            public bool KeepsNextChild()
            {
                if (!keep)
                {
                    return false;
                }

                if (wantedKeys == null)
                {
                    return true;
                }

                // Keys of the root mapping are always kept; a value only after a wanted key.
                return count % 2 == 0 || keepNextValue;
            }

            public void Add(object[] child)
            {
                if (wantedKeys != null && count % 2 == 0)
                {
                    keepNextValue = child != null && (string)child[KindIndex] == Scalar && wantedKeys.Contains((string)child[ValueIndex]);
                }

                if (keep)
                {
                    // A skipped value still takes its place, as a node without content, so pairs stay aligned.
                    ((List<object[]>)node[ValueIndex]).Add(child ?? SkippedPlaceholder);
                }

                count++;
            }
        }

        private static readonly object[] SkippedPlaceholder = { "skipped", 0, 0, null, false, null };
    }
}
