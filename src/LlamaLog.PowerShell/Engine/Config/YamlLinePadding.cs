using System;
using System.Collections.Generic;
using System.Text;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// A YAML text with spaces added at the start of some lines, and the way back to the original places.
    /// YamlDotNet refuses a line inside a flow collection (<c>a: {b: 1,⏎c: 2}</c>) that is indented no more than the
    /// block around it, with a bare <see cref="InvalidOperationException"/>; PyYAML, which the server loads run.yaml
    /// with, does not look at indentation inside flow collections at all. Leading spaces on such a line change
    /// nothing in the flow content (they separate tokens and are folded away inside scalars), so the reader pads
    /// those lines and reads again, and reports every place in the original text's columns.
    /// </summary>
    internal sealed class YamlLinePadding
    {
        private readonly string original;
        private readonly Dictionary<int, int> spaces;
        private List<int> lineStarts;

        public YamlLinePadding(string original)
            : this(original, new Dictionary<int, int>())
        {
        }

        private YamlLinePadding(string original, Dictionary<int, int> spaces)
        {
            this.original = original;
            this.spaces = spaces;
            Text = spaces.Count == 0 ? original : Build(original, spaces);
        }

        /// <summary>The text to read: the original with the padding applied.</summary>
        public string Text { get; }

        /// <summary>The number of lines, counted as YamlDotNet counts them (CR LF, CR, LF, NEL, LS and PS break).</summary>
        public int LineCount => LineStartsOfOriginal().Count;

        /// <summary>The spaces added to a line (1-based).</summary>
        public int SpacesOf(int line) => spaces.TryGetValue(line, out int count) ? count : 0;

        /// <summary>This padding, with <paramref name="extra"/> more spaces on each line from first to last.</summary>
        public YamlLinePadding Add(int firstLine, int lastLine, int extra)
        {
            var next = new Dictionary<int, int>(spaces);
            for (int line = firstLine; line <= lastLine; line++)
            {
                next[line] = SpacesOf(line) + extra;
            }

            return new YamlLinePadding(original, next);
        }

        /// <summary>
        /// A place (1-based) in the padded text as a place in the original: a column inside the padding is the line's
        /// first. YamlDotNet ends a stream that has no final line break on a line after it; that is the end of the
        /// last line, where PyYAML puts it.
        /// </summary>
        public void ToOriginal(ref long line, ref long column)
        {
            List<int> starts = LineStartsOfOriginal();
            if (line > starts.Count)
            {
                line = starts.Count;
                column = original.Length - starts[starts.Count - 1] + 1;
                return;
            }

            int added = line > 0 ? SpacesOf((int)line) : 0;
            column = Math.Max(1, column - added);
        }

        /// <summary>The place in the original text of a character of the padded one, given by its index.</summary>
        public void PlaceOf(int index, out long line, out long column)
        {
            List<int> starts = LineStarts(Text);
            int found = starts.BinarySearch(index);
            int number = found >= 0 ? found : ~found - 1;
            line = number + 1;
            column = index - starts[number] + 1;
            ToOriginal(ref line, ref column);
        }

        private List<int> LineStartsOfOriginal() => lineStarts ?? (lineStarts = LineStarts(original));

        private static string Build(string text, Dictionary<int, int> spaces)
        {
            List<int> starts = LineStarts(text);
            var builder = new StringBuilder(text.Length + (spaces.Count * 8));
            for (int i = 0; i < starts.Count; i++)
            {
                if (spaces.TryGetValue(i + 1, out int count))
                {
                    builder.Append(' ', count);
                }

                int end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
                builder.Append(text, starts[i], end - starts[i]);
            }

            return builder.ToString();
        }

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }
    }
}
