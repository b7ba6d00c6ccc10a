using System;
using System.Collections.Generic;
using System.Globalization;
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
        /// How many times a document is read again with more lines padded (see <see cref="YamlLinePadding"/>) before
        /// the reader gives up on it: each time costs a whole read, and no hand-written file needs many.
        /// </summary>
        public const int MaxPaddingRounds = 50;

        // For a refusal YamlDotNet makes without a YamlException or a message of its own.
        private const string UnreadableText = "the YAML cannot be read on from here; check the syntax at this place.";

        /// <summary>
        /// Reads the first document. Returns null for an empty stream, an error node
        /// (<c>{"error", line, column, null, false, message}</c>) for a syntax error, or the root node.
        /// Every error node has a line and a column (1-based) and says what was wrong there.
        /// </summary>
        public static object[] Read(string text, string[] wantedTopLevelKeys)
        {
            var wanted = new HashSet<string>(wantedTopLevelKeys ?? new string[0], StringComparer.Ordinal);
            object[] unprintable = FindUnprintable(text);
            if (unprintable != null)
            {
                return unprintable;
            }

            var padding = new YamlLinePadding(text);
            for (int round = 0; ; round++)
            {
                var pass = new Pass(text, padding, wanted, 0);
                object[] result = pass.Run();
                if (pass.UnderIndentedLine == 0)
                {
                    return result;
                }

                if (padding.SpacesOf(pass.UnderIndentedLine) > 0)
                {
                    // Padded enough for any column and refused again: not the indentation after all.
                    return ErrorNode(pass.UnderIndentedLine, pass.UnderIndentedColumn, UnreadableText);
                }

                if (round == MaxPaddingRounds)
                {
                    return ErrorNode(pass.UnderIndentedLine, pass.UnderIndentedColumn,
                        "more than " + MaxPaddingRounds + " flow collections ([...] or {...}) go on over lines indented no more than the block around them; indent those lines further.");
                }

                // Pad the line and every line after it, to find where the flow collection ends; then pad only up to there,
                // since padding lines after the collection would change the block structure around it.
                int line = pass.UnderIndentedLine;
                var probe = new Pass(text, padding.Add(line, padding.LineCount, pass.MissingSpaces), wanted, line);
                probe.Run();
                int last = probe.FlowEndLine > 0 ? probe.FlowEndLine
                    : probe.FailedLine > 0 ? Math.Max(line, probe.FailedLine - 1)
                    : padding.LineCount;
                padding = padding.Add(line, last, pass.MissingSpaces);
            }
        }

        /// <summary>
        /// PyYAML's reader refuses the whole stream when it holds a character YAML does not allow (C0 and C1 controls
        /// other than tab, LF, CR and NEL; DEL; U+FFFE, U+FFFF; a lone surrogate), wherever it is: in a scalar, quoted
        /// or not, or in a comment. YamlDotNet takes most of them, so the reader checks first.
        /// </summary>
        private static object[] FindUnprintable(string text)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool printable;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                printable = c == '\t' || c == '\n' || c == '\r' || (c >= '\x20' && c <= '\x7E') || c == '\u0085'
                    || (c >= '\u00A0' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
                if (!printable)
                {
                    // PyYAML names the place by its position in the stream; the line and column say the same thing.
                    return ErrorNode(line, i - lineStart + 1, string.Format(CultureInfo.InvariantCulture,
                        "unacceptable character #x{0:x4}: special characters are not allowed", (int)c));
                }

                if ((c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n')) || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return null;
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

        /// <summary>
        /// One read of the (padded) text. Places in the nodes and errors it makes are the original text's.
        /// A line inside a flow collection that YamlDotNet refuses for its indentation is not an error here: the
        /// pass stops and says which line, and how many spaces it lacks, so that the caller pads it.
        /// </summary>
        private sealed class Pass
        {
            private readonly string original;
            private readonly YamlLinePadding padding;
            private readonly HashSet<string> wanted;
            private readonly int watchFromLine;
            private readonly Dictionary<string, object[]> anchors = new Dictionary<string, object[]>(StringComparer.Ordinal);
            private readonly Stack<Frame> stack = new Stack<Frame>();

            // Whether each open collection is a flow one, and the column (0-based, in the padded text) of each open block one.
            private readonly Stack<bool> flowStack = new Stack<bool>();
            private readonly Stack<long> blockColumns = new Stack<long>();
            private int flowDepth;

            public Pass(string original, YamlLinePadding padding, HashSet<string> wanted, int watchFromLine)
            {
                this.original = original;
                this.padding = padding;
                this.wanted = wanted;
                this.watchFromLine = watchFromLine;
            }

            /// <summary>The line of a flow collection's content that YamlDotNet refused for its indentation, or 0.</summary>
            public int UnderIndentedLine { get; private set; }

            public int UnderIndentedColumn { get; private set; }

            /// <summary>How many spaces that line needs, at least, to be indented more than the block around it.</summary>
            public int MissingSpaces { get; private set; }

            /// <summary>The line where the outermost flow collection open at <c>watchFromLine</c> closes, or 0.</summary>
            public int FlowEndLine { get; private set; }

            /// <summary>The line of the error, or of the under-indented line, this pass ended with, or 0.</summary>
            public int FailedLine { get; private set; }

            public object[] Run()
            {
                var scanner = new Scanner(new StringReader(padding.Text));
                object[] result;
                try
                {
                    result = ReadDocument(new Parser(scanner));
                }
                catch (YamlException e)
                {
                    string message = Describe(e);
                    long line = e.Start.Line;
                    long column = e.Start.Column;
                    padding.ToOriginal(ref line, ref column);
                    if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        // YamlDotNet reports a tab in indentation at the start of the enclosing mapping; name the tab.
                        FindIndentationTab(original, ref line, ref column);
                    }

                    result = ErrorNode(line, column, message);
                }
                catch (DepthException e)
                {
                    result = ErrorNode(e.Line, e.Column, "collections are nested more than " + MaxDepth + " levels deep.");
                }
                catch (InvalidOperationException) when (flowDepth > 0 || blockColumns.Count > 0)
                {
                    // YamlDotNet 16.3's scanner throws this, with no message or place, for a plain scalar on a line inside a
                    // flow collection indented no more than the enclosing block (Scanner.ScanPlainScalar). The scanner may be
                    // ahead of the events, so the flow collection itself may not have been seen yet; the block has.
                    Mark at = scanner.CurrentPosition;
                    long blockColumn = blockColumns.Count > 0 ? blockColumns.Peek() : -1;
                    long line = at.Line;
                    long column = at.Column;
                    padding.ToOriginal(ref line, ref column);
                    UnderIndentedLine = (int)line;
                    UnderIndentedColumn = (int)column;
                    // Enough for any line of the collection, whatever its column.
                    MissingSpaces = (int)Math.Max(1, blockColumn + 1);
                    FailedLine = UnderIndentedLine;
                    return null;
                }
                catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is FormatException)
                {
                    // Any other refusal YamlDotNet makes without a YamlException: name the place, not .NET's words.
                    result = ErrorAt(scanner.CurrentPosition, UnreadableText);
                }

                if ((result == null || (string)result[KindIndex] != Error) && padding.Text.IndexOf('\t') >= 0)
                {
                    result = FindStrayTab() ?? result;
                }

                if (result != null && (string)result[KindIndex] == Error)
                {
                    FailedLine = (int)result[LineIndex];
                }

                return result;
            }

            /// <summary>
            /// PyYAML's scanner skips only spaces between tokens, and a tab ends a plain scalar, so it refuses a tab
            /// anywhere but inside a quoted or block scalar or a comment ("found character '\t' that cannot start any
            /// token"); YamlDotNet takes tabs as separators. The tokens say where tabs are allowed.
            /// </summary>
            private object[] FindStrayTab()
            {
                string text = padding.Text;
                int tab = text.IndexOf('\t');
                var scanner = new Scanner(new StringReader(text), skipComments: false);
                try
                {
                    while (tab >= 0 && scanner.MoveNext())
                    {
                        YamlDotNet.Core.Tokens.Token token = scanner.Current;
                        if (tab < token.Start.Index)
                        {
                            break;
                        }

                        bool holdsTabs = token is YamlDotNet.Core.Tokens.Comment
                            || (token is YamlDotNet.Core.Tokens.Scalar scalar && scalar.Style != ScalarStyle.Plain);
                        if (tab < token.End.Index && !holdsTabs)
                        {
                            break;
                        }

                        while (tab >= 0 && tab < token.End.Index)
                        {
                            tab = text.IndexOf('\t', tab + 1);
                        }
                    }
                }
                catch (YamlException)
                {
                    // The document read without error; its tokens will too. Should they not, the tab found so far stands.
                }

                if (tab < 0)
                {
                    return null;
                }

                padding.PlaceOf(tab, out long line, out long column);
                return ErrorNode(line, column, "while scanning for the next token, found character '\\t' that cannot start any token");
            }

            private object[] ReadDocument(Parser parser)
            {
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
                                return ErrorAt(current, "expected a single document in the stream, but found another document");
                            }

                            break;

                        case YamlDotNet.Core.Events.Scalar scalar:
                        {
                            bool keep = stack.Count == 0 || stack.Peek().KeepsNextChild() || !scalar.Anchor.IsEmpty;
                            object[] node = keep
                                ? NewNode(Scalar, current, scalar.Tag, scalar.Style == ScalarStyle.Plain, scalar.Value)
                                : null;
                            object[] duplicate = Register(scalar.Anchor, node);
                            if (duplicate != null)
                            {
                                return duplicate;
                            }

                            root = Attach(node, root);
                            break;
                        }

                        case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out object[] target))
                            {
                                return ErrorAt(current, "found undefined alias '" + alias.Value.Value + "'");
                            }

                            root = Attach(target, root);
                            break;
                        }

                        case MappingStart mapping:
                            root = Open(current, mapping.Anchor, mapping.Tag, Mapping, mapping.Style == MappingStyle.Flow, root, out object[] mappingError);
                            if (mappingError != null)
                            {
                                return mappingError;
                            }

                            break;

                        case SequenceStart sequence:
                            root = Open(current, sequence.Anchor, sequence.Tag, Sequence, sequence.Style == SequenceStyle.Flow, root, out object[] sequenceError);
                            if (sequenceError != null)
                            {
                                return sequenceError;
                            }

                            break;

                        case MappingEnd _:
                        case SequenceEnd _:
                            stack.Pop();
                            Close(current);
                            break;
                    }
                }

                return root;
            }

            private object[] Open(ParsingEvent start, AnchorName anchor, TagName tag, string kind, bool flow, object[] root, out object[] error)
            {
                if (stack.Count >= MaxDepth)
                {
                    long line = start.Start.Line;
                    long column = start.Start.Column;
                    padding.ToOriginal(ref line, ref column);
                    throw new DepthException(line, column);
                }

                bool isRoot = stack.Count == 0;
                bool keep = isRoot || stack.Peek().KeepsNextChild() || !anchor.IsEmpty;
                object[] node = NewNode(kind, start, tag, false, keep ? new List<object[]>() : null);
                error = Register(anchor, node);
                root = Attach(node, root);

                // The root mapping keeps its keys but only the values of the wanted keys.
                stack.Push(new Frame(node, keep, isRoot && kind == Mapping ? wanted : null));
                flowStack.Push(flow);
                if (flow)
                {
                    flowDepth++;
                }
                else
                {
                    blockColumns.Push(start.Start.Column - 1);
                }

                return root;
            }

            private void Close(ParsingEvent end)
            {
                if (!flowStack.Pop())
                {
                    blockColumns.Pop();
                    return;
                }

                flowDepth--;
                if (flowDepth == 0 && FlowEndLine == 0 && watchFromLine > 0 && end.Start.Line >= watchFromLine)
                {
                    FlowEndLine = (int)end.Start.Line;
                }
            }

            private object[] Attach(object[] node, object[] root)
            {
                if (stack.Count == 0)
                {
                    return node;
                }

                stack.Peek().Add(node);
                return root;
            }

            /// <summary>Remembers an anchored node; refuses an anchor defined twice, as PyYAML's composer does.</summary>
            private object[] Register(AnchorName anchor, object[] node)
            {
                if (anchor.IsEmpty)
                {
                    return null;
                }

                if (anchors.TryGetValue(anchor.Value, out object[] first))
                {
                    return ErrorNode((int)node[LineIndex], (int)node[ColumnIndex], string.Format(CultureInfo.InvariantCulture,
                        "found duplicate anchor '{0}'; first occurrence at line {1}, column {2}", anchor.Value, first[LineIndex], first[ColumnIndex]));
                }

                anchors[anchor.Value] = node;
                return null;
            }

            private object[] NewNode(string kind, ParsingEvent at, TagName tag, bool plain, object value)
            {
                var node = new object[NodeLength];
                node[KindIndex] = kind;
                long line = at.Start.Line;
                long column = at.Start.Column;
                padding.ToOriginal(ref line, ref column);
                node[LineIndex] = (int)line;
                node[ColumnIndex] = (int)column;
                node[TagIndex] = tag.IsEmpty || tag.IsNonSpecific ? (tag.IsNonSpecific ? "!" : null) : tag.Value;
                node[PlainIndex] = plain;
                node[ValueIndex] = value;
                return node;
            }

            private object[] ErrorAt(ParsingEvent at, string message) => ErrorAt(at.Start, message);

            private object[] ErrorAt(Mark at, string message)
            {
                long line = at.Line;
                long column = at.Column;
                padding.ToOriginal(ref line, ref column);
                return ErrorNode(line, column, message);
            }
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
