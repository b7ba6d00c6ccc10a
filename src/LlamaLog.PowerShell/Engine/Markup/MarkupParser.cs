using System;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich's markup parser (<c>rich.markup.render</c>), hand-written: one left-to-right scan finds the tags that
    /// Rich's pattern <c>(\\*)\[([a-z#/@][^\[]*?)\]</c> finds, with no regex and no recursion.
    /// </summary>
    internal static class MarkupParser
    {
        [ThreadStatic]
        private static StringBuilder plainBuffer;

        [ThreadStatic]
        private static OpenTagStack openTags;

        /// <summary>
        /// Parses markup, appending its spans to <paramref name="spans"/> in Rich's final order, and returns the
        /// plain text. Emoji codes are replaced in every plain piece when <paramref name="emoji"/> is set.
        /// </summary>
        /// <exception cref="MarkupException">A closing tag closes nothing, or a meta tag's parameters are invalid.</exception>
        /// <exception cref="InvalidColorException">A tag's style holds an <c>rgb(...)</c> with an empty component.</exception>
        public static string Parse(string markup, bool emoji, SpanList spans)
        {
            int firstBracket = markup.IndexOf('[');
            if (firstBracket < 0)
            {
                // Rich's fast path: no tags and no backslash processing, only emoji codes.
                return PlainPiece(markup, emoji);
            }

            StringBuilder plain = plainBuffer ?? (plainBuffer = new StringBuilder());
            OpenTagStack stack = openTags ?? (openTags = new OpenTagStack());
            plain.Clear();
            stack.Clear();
            int firstSpan = spans.Count;
            try
            {
                ParseTags(markup, firstBracket, emoji, plain, stack, spans);
                int length = plain.Length;
                while (stack.TryPop(out int start, out string name, out string parameters))
                {
                    spans.Add(start, length, StyleString(name, parameters));
                }

                spans.ReverseThenSortByStart(firstSpan);
                string result = plain.ToString();
                if (plain.Capacity > 1 << 20)
                {
                    // A huge message must not keep its buffer alive on this thread.
                    plainBuffer = null;
                }

                return result;
            }
            finally
            {
                stack.Clear();
            }
        }

        /// <summary>Rich's <c>markup.escape</c>: a backslash before each tag-shaped <c>[...]</c>, and its own backslashes doubled.</summary>
        public static string Escape(string markup)
        {
            StringBuilder result = null;
            int copied = 0;
            int scan = 0;
            while (FindTag(markup, scan, out int open, out int close))
            {
                int backslashes = open;
                while (backslashes > scan && markup[backslashes - 1] == '\\')
                {
                    backslashes--;
                }

                result = result ?? new StringBuilder(markup.Length + 16);
                result.Append(markup, copied, backslashes - copied);
                result.Append(markup, backslashes, open - backslashes).Append(markup, backslashes, open - backslashes).Append('\\');
                result.Append(markup, open, close + 1 - open);
                copied = close + 1;
                scan = close + 1;
            }

            if (result == null)
            {
                return markup;
            }

            return result.Append(markup, copied, markup.Length - copied).ToString();
        }

        private static void ParseTags(string markup, int firstBracket, bool emoji, StringBuilder plain, OpenTagStack stack, SpanList spans)
        {
            int position = 0;
            int scan = firstBracket;
            while (FindTag(markup, scan, out int open, out int close))
            {
                // The backslashes just before '[' belong to the match, but not those of an earlier match.
                int matchStart = open;
                while (matchStart > position && markup[matchStart - 1] == '\\')
                {
                    matchStart--;
                }

                AppendPiece(plain, markup, position, matchStart, emoji);
                int backslashes = open - matchStart;
                plain.Append('\\', backslashes / 2);
                int tagPosition = matchStart + (backslashes / 2 * 2);
                if (backslashes % 2 == 1)
                {
                    // An escaped tag is plain text, '[' and ']' included.
                    AppendPiece(plain, markup, open, close + 1, emoji);
                }
                else
                {
                    ApplyTag(markup, open + 1, close, tagPosition, plain, stack, spans);
                }

                position = close + 1;
                scan = position;
            }

            AppendPiece(plain, markup, position, markup.Length, emoji);
        }

        /// <summary>
        /// The next tag at or after <paramref name="scan"/>: a '[' followed by a lower-case letter, '#', '/' or '@',
        /// then any text without '[' up to the first ']'. Each character is examined a bounded number of times.
        /// </summary>
        private static bool FindTag(string markup, int scan, out int open, out int close)
        {
            int candidate = markup.IndexOf('[', scan);
            while (candidate >= 0 && candidate + 1 < markup.Length)
            {
                char first = markup[candidate + 1];
                if ((first >= 'a' && first <= 'z') || first == '#' || first == '/' || first == '@')
                {
                    int end = IndexOfBracket(markup, candidate + 2);
                    if (end < 0)
                    {
                        break;
                    }

                    if (markup[end] == ']')
                    {
                        open = candidate;
                        close = end;
                        return true;
                    }

                    candidate = end;
                }
                else
                {
                    candidate = markup.IndexOf('[', candidate + 1);
                }
            }

            open = -1;
            close = -1;
            return false;
        }

        private static int IndexOfBracket(string text, int start)
        {
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ']' || c == '[')
                {
                    return i;
                }
            }

            return -1;
        }

        private static void ApplyTag(string markup, int bodyStart, int bodyEnd, int tagPosition, StringBuilder plain, OpenTagStack stack, SpanList spans)
        {
            int equals = markup.IndexOf('=', bodyStart, bodyEnd - bodyStart);
            string name = markup.Substring(bodyStart, (equals < 0 ? bodyEnd : equals) - bodyStart);
            string parameters = equals < 0 ? null : markup.Substring(equals + 1, bodyEnd - equals - 1);
            if (name[0] != '/')
            {
                stack.Push(plain.Length, TextStyle.Normalize(name), parameters);
                return;
            }

            string closing = Config.PythonText.Strip(name.Substring(1));
            int start;
            string openName;
            string openParameters;
            if (closing.Length == 0)
            {
                if (!stack.TryPop(out start, out openName, out openParameters))
                {
                    throw new MarkupException(
                        "closing tag '[/]' at position " + CodePointPosition(markup, tagPosition) + " has nothing to close",
                        CodePointPosition(markup, tagPosition));
                }
            }
            else
            {
                openName = TextStyle.Normalize(closing);
                if (!stack.TryRemove(openName, out start, out openParameters))
                {
                    string written = "[" + name + (parameters == null ? string.Empty : "=" + parameters) + "]";
                    throw new MarkupException(
                        "closing tag '" + written + "' at position " + CodePointPosition(markup, tagPosition) + " doesn't match any open tag",
                        CodePointPosition(markup, tagPosition));
                }
            }

            if (openName[0] == '@')
            {
                // A meta tag carries data for Rich's event handlers and no style; its parameters must still be valid.
                if (!string.IsNullOrEmpty(openParameters))
                {
                    string error = PythonLiteral.CheckMetaParameters(openParameters);
                    if (error != null)
                    {
                        throw new MarkupException(error, -1);
                    }
                }

                spans.Add(start, plain.Length, "none");
            }
            else
            {
                spans.Add(start, plain.Length, StyleString(openName, openParameters));
            }
        }

        private static string StyleString(string name, string parameters)
        {
            return parameters == null ? name : name + " " + parameters;
        }

        private static int CodePointPosition(string markup, int utf16Index)
        {
            return PythonCharacters.CodePointCount(markup, 0, utf16Index);
        }

        /// <summary>Text with no tags at all: emoji codes and control characters only, returning the input when nothing changes.</summary>
        private static string PlainPiece(string text, bool emoji)
        {
            bool special = false;
            foreach (char c in text)
            {
                if ((c == ':' && emoji) || (c <= '\r' && ControlCharacters.IsStripped(c)))
                {
                    special = true;
                    break;
                }
            }

            if (!special)
            {
                return text;
            }

            var plain = new StringBuilder(text.Length);
            AppendPiece(plain, text, 0, text.Length, emoji, unescape: false);
            return plain.ToString();
        }

        /// <summary>
        /// Appends one plain piece: <c>\[</c> becomes <c>[</c> (every occurrence, with no parity rule), emoji codes
        /// are replaced, then the stripped control characters are dropped. Emoji codes are found on the piece as
        /// written; that is equivalent because no emoji name holds a backslash, '[' or a control character.
        /// </summary>
        private static void AppendPiece(StringBuilder plain, string text, int start, int end, bool emoji, bool unescape = true)
        {
            int run = start;
            int plainColon = -1;
            int i = start;
            while (i < end)
            {
                char c = text[i];
                if (c == ':' && emoji && i != plainColon)
                {
                    int close = FindEmojiClose(text, i + 1, end);
                    if (close < 0)
                    {
                        i++;
                        continue;
                    }

                    string replacement = EmojiCodes.Lookup(text, i + 1, close);
                    if (replacement == null)
                    {
                        // Not an emoji: the closing colon was consumed by this match and cannot open the next one.
                        plainColon = close;
                        i++;
                        continue;
                    }

                    plain.Append(text, run, i - run).Append(replacement);
                    i = close + 1;
                    run = i;
                }
                else if (c == '\\' && unescape && i + 1 < end && text[i + 1] == '[')
                {
                    plain.Append(text, run, i - run);
                    i++;
                    run = i;
                    i++;
                }
                else if (c <= '\r' && ControlCharacters.IsStripped(c))
                {
                    plain.Append(text, run, i - run);
                    i++;
                    run = i;
                }
                else
                {
                    i++;
                }
            }

            plain.Append(text, run, end - run);
        }

        /// <summary>The colon that closes an emoji code opened just before <paramref name="start"/>, or -1 when whitespace comes first.</summary>
        private static int FindEmojiClose(string text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == ':')
                {
                    return i;
                }

                if (Config.PythonText.IsWhiteSpace(c))
                {
                    return -1;
                }
            }

            return -1;
        }
    }
}
