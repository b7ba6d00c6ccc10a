using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich's <c>:name:</c> emoji codes (<c>_emoji_replace</c>): a code between two colons, with no whitespace in
    /// it and an optional <c>-emoji</c>/<c>-text</c> suffix, becomes its emoji when the lower-cased name is known.
    /// </summary>
    internal static class EmojiCodes
    {
        private const int LongestName = 64;

        private static readonly Lazy<Dictionary<string, string>> Table = new Lazy<Dictionary<string, string>>(Load);

        // Which (first ASCII character, length) pairs begin some name: most colons in log lines (times, "name:42")
        // are rejected here without building a string.
        private static readonly Lazy<bool[]> Shapes = new Lazy<bool[]>(LoadShapes);

        /// <summary>
        /// The replacement for the code whose inner text (between the colons) is <c>text[start..end)</c>, or null
        /// when it is not an emoji. Pieces holding a backslash or '[' never match: no name contains them, which is
        /// what lets the markup parser check codes before its <c>\[</c> replacement.
        /// </summary>
        public static string Lookup(string text, int start, int end)
        {
            string variant = string.Empty;
            if (EndsWith(text, start, end, "-emoji"))
            {
                end -= 6;
                variant = "\uFE0F";
            }
            else if (EndsWith(text, start, end, "-text"))
            {
                end -= 5;
                variant = "\uFE0E";
            }

            int length = end - start;
            if (length <= 0 || length > LongestName)
            {
                return null;
            }

            char first = text[start];
            if (first < 0x80 && !Shapes.Value[(char.ToLowerInvariant(first) * (LongestName + 1)) + length])
            {
                return null;
            }

            string name = Config.PythonText.Lower(text.Substring(start, length));
            return Table.Value.TryGetValue(name, out string emoji) ? emoji + variant : null;
        }

        private static bool EndsWith(string text, int start, int end, string suffix)
        {
            return end - start >= suffix.Length && string.CompareOrdinal(text, end - suffix.Length, suffix, 0, suffix.Length) == 0;
        }

        private static bool[] LoadShapes()
        {
            var shapes = new bool[128 * (LongestName + 1)];
            foreach (string name in Table.Value.Keys)
            {
                if (name[0] < 0x80 && name.Length <= LongestName)
                {
                    shapes[(name[0] * (LongestName + 1)) + name.Length] = true;
                }
            }

            return shapes;
        }

        private static Dictionary<string, string> Load()
        {
            string data = EmojiCodeTable.Data;
            var table = new Dictionary<string, string>(4096, StringComparer.Ordinal);
            int line = 0;
            while (line < data.Length)
            {
                int next = data.IndexOf('\n', line);
                if (next < 0)
                {
                    next = data.Length;
                }

                int equals = data.IndexOf('=', line + 1);
                table[data.Substring(line, equals - line)] = data.Substring(equals + 1, next - equals - 1);
                line = next + 1;
            }

            return table;
        }
    }
}
