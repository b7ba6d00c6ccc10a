using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich's <c>ReprHighlighter</c>, which colours numbers, strings, paths, URLs, IP addresses and the like in
    /// every log message. Rich runs four regular expressions; this is a hand-written scanner that finds exactly
    /// the same matches, in the same order, with Python's <c>\w</c>, <c>\d</c> and <c>\b</c>. It runs in linear
    /// time: the regexes backtrack quadratically on long runs of digits or word characters, which a 10 MB log
    /// message can contain.
    /// </summary>
    public static class ReprHighlighter
    {
        /// <summary>Adds the highlighter's <c>repr.*</c> spans to a text, after the spans it already has.</summary>
        public static void Highlight(StyledText text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            Highlight(text.Plain, text.SpanList);
        }

        internal static void Highlight(string text, SpanList spans)
        {
            HighlightTag(text, spans);
            HighlightAttributes(text, spans);
            HighlightBraces(text, spans);
            new ValueScanner(text, spans).Run();
        }

        // (?P<tag_start><)(?P<tag_name>[-\w.:|]*)(?P<tag_contents>[\w\W]*)(?P<tag_end>>) : the greedy contents
        // reach the last '>', so there is at most one match, from the first '<' that has a '>' after it.
        private static void HighlightTag(string text, SpanList spans)
        {
            int open = text.IndexOf('<');
            if (open < 0)
            {
                return;
            }

            int close = text.LastIndexOf('>');
            if (close < open)
            {
                return;
            }

            int nameEnd = open + 1;
            while (nameEnd < close && IsTagNameChar(text, nameEnd))
            {
                nameEnd += PythonCharacters.CharLength(text, nameEnd);
            }

            spans.Add(open, open + 1, "repr.tag_start");
            if (nameEnd > open + 1)
            {
                spans.Add(open + 1, nameEnd, "repr.tag_name");
            }

            if (close > nameEnd)
            {
                spans.Add(nameEnd, close, "repr.tag_contents");
            }

            spans.Add(close, close + 1, "repr.tag_end");
        }

        // (?P<attrib_name>[\w_]{1,50})=(?P<attrib_value>"?[\w_]+"?)? : a name of at most 50 characters that
        // runs up to '=' (a longer run can only match from a later start inside it).
        private static void HighlightAttributes(string text, SpanList spans)
        {
            int equals = text.IndexOf('=');
            if (equals < 0)
            {
                return;
            }

            int runEnd = -1;
            int position = 0;
            while (position < text.Length)
            {
                if (!PythonCharacters.IsWordChar(text, position))
                {
                    position += PythonCharacters.CharLength(text, position);
                    continue;
                }

                if (position >= runEnd)
                {
                    runEnd = WordRunEnd(text, position);
                }

                if (runEnd < text.Length && text[runEnd] == '=' && PythonCharacters.CodePointCount(text, position, Math.Min(runEnd, position + 101)) <= 50)
                {
                    spans.Add(position, runEnd, "repr.attrib_name");
                    int end = runEnd + 1;
                    int value = end;
                    if (value < text.Length && text[value] == '"' && value + 1 < text.Length && PythonCharacters.IsWordChar(text, value + 1))
                    {
                        end = WordRunEnd(text, value + 1);
                    }
                    else if (value < text.Length && PythonCharacters.IsWordChar(text, value))
                    {
                        end = WordRunEnd(text, value);
                    }

                    if (end > value)
                    {
                        if (end < text.Length && text[end] == '"')
                        {
                            end++;
                        }

                        spans.Add(value, end, "repr.attrib_value");
                    }

                    position = end;
                    runEnd = -1;
                    continue;
                }

                position += PythonCharacters.CharLength(text, position);
            }
        }

        private static void HighlightBraces(string text, SpanList spans)
        {
            for (int i = 0; i < text.Length; i++)
            {
                switch (text[i])
                {
                    case '[':
                    case ']':
                    case '{':
                    case '}':
                    case '(':
                    case ')':
                        spans.Add(i, i + 1, "repr.brace");
                        break;
                }
            }
        }

        private static int WordRunEnd(string text, int start)
        {
            int end = start;
            while (end < text.Length && PythonCharacters.IsWordChar(text, end))
            {
                end += PythonCharacters.CharLength(text, end);
            }

            return end;
        }

        private static bool IsTagNameChar(string text, int index)
        {
            char c = text[index];
            return c == '-' || c == '.' || c == ':' || c == '|' || PythonCharacters.IsWordChar(text, index);
        }

        /// <summary>
        /// The last, combined pattern: at each position the alternatives are tried in Rich's order (ipv4, ipv6,
        /// eui64, eui48, uuid, call, booleans and None, ellipsis, complex number, number, path, string, url);
        /// the first that matches wins and scanning resumes after it.
        /// </summary>
        private sealed class ValueScanner
        {
            private static readonly int[] UuidGroupLengths = { 8, 4, 4, 4, 12 };
            private static readonly char[] Quotes = { '\'', '"' };
            private readonly string text;
            private readonly SpanList spans;

            // Alternatives that need a character the text does not hold are never tried: a call needs '(',
            // a string a quote, a URL "://". Most log lines have none of them.
            private readonly bool hasParenthesis;
            private readonly bool hasQuote;
            private readonly bool hasScheme;

            // The [\w.] run around the current position, for the call alternative.
            private int callRunStart = -1;
            private int callRunEnd = -1;

            // Per quote kind (' " ''' """): from this opener position to the line end no string can close.
            private readonly int[] noCloseFrom = { int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue };
            private readonly int[] noCloseLineEnd = { -1, -1, -1, -1 };

            public ValueScanner(string text, SpanList spans)
            {
                this.text = text;
                this.spans = spans;
                hasParenthesis = text.IndexOf('(') >= 0;
                hasQuote = text.IndexOfAny(Quotes) >= 0;
                hasScheme = text.IndexOf("://", StringComparison.Ordinal) >= 0;
            }

            public void Run()
            {
                int position = 0;
                while (position < text.Length)
                {
                    int end = MatchAt(position);
                    position = end > position ? end : position + PythonCharacters.CharLength(text, position);
                }
            }

            private int MatchAt(int p)
            {
                char c = text[p];
                int end;
                if (IsHex(c))
                {
                    if (c <= '9' && (end = Ipv4(p)) > 0)
                    {
                        return Add(p, end, "repr.ipv4");
                    }

                    // Every address pattern starts with 1 to 8 hex digits and a separator: check that first.
                    int hex = HexRun(p, 9);
                    char after = p + hex < text.Length ? text[p + hex] : '\0';
                    if (hex <= 4 && after == ':' && (end = Ipv6(p)) > 0)
                    {
                        return Add(p, end, "repr.ipv6");
                    }

                    bool eui = (hex <= 2 && (after == '-' || after == ':')) || (hex == 4 && after == '.');
                    if (eui && (end = Eui(p, 7, 3)) > 0)
                    {
                        return Add(p, end, "repr.eui64");
                    }

                    if (eui && (end = Eui(p, 5, 2)) > 0)
                    {
                        return Add(p, end, "repr.eui48");
                    }

                    if (hex == 8 && after == '-' && (end = Uuid(p)) > 0)
                    {
                        return Add(p, end, "repr.uuid");
                    }
                }

                if (hasParenthesis && (end = Call(p)) > 0)
                {
                    if (end - 1 > p)
                    {
                        spans.Add(p, end - 1, "repr.call");
                    }

                    return end;
                }

                if ((c == 'T' || c == 'F' || c == 'N') && (end = Constant(p, out string constant)) > 0)
                {
                    return Add(p, end, constant);
                }

                if (c == '.' && Follows(p, "..."))
                {
                    return Add(p, p + 3, "repr.ellipsis");
                }

                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    if ((end = ComplexNumber(p)) > 0)
                    {
                        return Add(p, end, "repr.number_complex");
                    }

                    if ((end = Number(p)) > 0)
                    {
                        return Add(p, end, "repr.number");
                    }
                }

                if (c == '/' && (end = Path(p)) > 0)
                {
                    return end;
                }

                if (hasQuote && (c == '\'' || c == '"' || c == 'b') && (end = QuotedString(p)) > 0)
                {
                    return Add(p, end, "repr.str");
                }

                if (hasScheme && (c == 'f' || c == 'h' || c == 'w') && (end = Url(p)) > 0)
                {
                    return Add(p, end, "repr.url");
                }

                return -1;
            }

            private int Add(int start, int end, string style)
            {
                spans.Add(start, end, style);
                return end;
            }

            // [0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}
            private int Ipv4(int p)
            {
                int q = p;
                for (int part = 0; part < 4; part++)
                {
                    int digits = DigitRun(q, 3);
                    if (digits == 0)
                    {
                        return -1;
                    }

                    q += digits;
                    if (part < 3)
                    {
                        if (q >= text.Length || text[q] != '.')
                        {
                            return -1;
                        }

                        q++;
                    }
                }

                return q;
            }

            // ([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4} : groups are taken greedily; when nothing hex follows the
            // last one, backtracking gives that group's hex digits to the final part (if a group remains).
            private int Ipv6(int p)
            {
                int q = p;
                int groups = 0;
                int lastGroup = -1;
                int lastLength = 0;
                while (groups < 7)
                {
                    int hex = HexRun(q, int.MaxValue);
                    if (hex == 0 || hex > 4 || q + hex >= text.Length || text[q + hex] != ':')
                    {
                        break;
                    }

                    lastGroup = q;
                    lastLength = hex;
                    q += hex + 1;
                    if (q < text.Length && text[q] == ':')
                    {
                        q++;
                    }

                    groups++;
                }

                if (groups == 0)
                {
                    return -1;
                }

                int final = HexRun(q, 4);
                if (final > 0)
                {
                    return q + final;
                }

                return groups >= 2 ? lastGroup + lastLength : -1;
            }

            // eui64 / eui48: (hex{1,2}-){n}hex{1,2} | (hex{1,2}:){n}hex{1,2} | (hex{4}\.){m}hex{4}
            private int Eui(int p, int pairs, int quads)
            {
                int end = HexGroups(p, pairs, '-');
                if (end < 0)
                {
                    end = HexGroups(p, pairs, ':');
                }

                if (end >= 0)
                {
                    return end;
                }

                int q = p;
                for (int group = 0; group < quads; group++)
                {
                    if (HexRun(q, 4) != 4 || q + 4 >= text.Length || text[q + 4] != '.')
                    {
                        return -1;
                    }

                    q += 5;
                }

                return HexRun(q, 4) == 4 ? q + 4 : -1;
            }

            private int HexGroups(int p, int groups, char separator)
            {
                int q = p;
                for (int group = 0; group < groups; group++)
                {
                    int hex = HexRun(q, int.MaxValue);
                    if (hex == 0 || hex > 2 || q + hex >= text.Length || text[q + hex] != separator)
                    {
                        return -1;
                    }

                    q += hex + 1;
                }

                int final = HexRun(q, 2);
                return final > 0 ? q + final : -1;
            }

            // [a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}
            private int Uuid(int p)
            {
                int q = p;
                int[] lengths = UuidGroupLengths;
                for (int group = 0; group < lengths.Length; group++)
                {
                    if (HexRun(q, lengths[group]) != lengths[group])
                    {
                        return -1;
                    }

                    q += lengths[group];
                    if (group < lengths.Length - 1)
                    {
                        if (q >= text.Length || text[q] != '-')
                        {
                            return -1;
                        }

                        q++;
                    }
                }

                return q;
            }

            // (?P<call>[\w.]*?)\( : the [\w.] run from here must be followed by '('. The run is remembered, so a
            // long word is scanned once, not once per position.
            private int Call(int p)
            {
                if (text[p] == '(')
                {
                    return p + 1;
                }

                if (!IsCallChar(p))
                {
                    return -1;
                }

                if (p < callRunStart || p >= callRunEnd)
                {
                    callRunStart = p;
                    callRunEnd = p;
                    while (callRunEnd < text.Length && IsCallChar(callRunEnd))
                    {
                        callRunEnd += PythonCharacters.CharLength(text, callRunEnd);
                    }
                }

                return callRunEnd < text.Length && text[callRunEnd] == '(' ? callRunEnd + 1 : -1;
            }

            // \b(True|False|None)\b
            private int Constant(int p, out string style)
            {
                style = null;
                if (PythonCharacters.IsWordCharBefore(text, p))
                {
                    return -1;
                }

                string word;
                if (Follows(p, "True"))
                {
                    word = "True";
                    style = "repr.bool_true";
                }
                else if (Follows(p, "False"))
                {
                    word = "False";
                    style = "repr.bool_false";
                }
                else if (Follows(p, "None"))
                {
                    word = "None";
                    style = "repr.none";
                }
                else
                {
                    return -1;
                }

                int end = p + word.Length;
                return end < text.Length && PythonCharacters.IsWordChar(text, end) ? -1 : end;
            }

            // (?<!\w)-?D+\.?D*(e[-+]?U+?)?([-+]D+\.?D*(e[-+]?U+)?)?j, where D is [0-9] and U is \d. The match
            // must end at the first 'j' and nothing in between is ambiguous, so one greedy pass decides it.
            private int ComplexNumber(int p)
            {
                if (PythonCharacters.IsWordCharBefore(text, p))
                {
                    return -1;
                }

                int q = p;
                if (text[q] == '-')
                {
                    q++;
                }

                q = RealPart(q);
                if (q < 0)
                {
                    return -1;
                }

                if (q < text.Length && (text[q] == '+' || text[q] == '-'))
                {
                    q = RealPart(q + 1);
                    if (q < 0)
                    {
                        return -1;
                    }
                }

                return q < text.Length && text[q] == 'j' ? q + 1 : -1;
            }

            private int RealPart(int q)
            {
                int digits = DigitRun(q, int.MaxValue);
                if (digits == 0)
                {
                    return -1;
                }

                q += digits;
                if (q < text.Length && text[q] == '.')
                {
                    q++;
                    q += DigitRun(q, int.MaxValue);
                }

                if (q < text.Length && text[q] == 'e')
                {
                    // Taking the exponent is the only way on: 'e' cannot start the rest of the pattern.
                    int e = q + 1;
                    if (e < text.Length && (text[e] == '+' || text[e] == '-'))
                    {
                        e++;
                    }

                    int exponent = UnicodeDigitsEnd(e);
                    if (exponent == e)
                    {
                        return -1;
                    }

                    q = exponent;
                }

                return q;
            }

            // (?<!\w)\-?[0-9]+\.?[0-9]*(e[-+]?\d+?)?\b | 0x[0-9a-fA-F]* , resolved in the regex engine's order of
            // attempts: with a '.', the fraction and exponent first, then the fraction alone, then just "n."
            // (a boundary before a digit), then "n"; without one, the exponent, then the digits alone.
            private int Number(int p)
            {
                int end = DecimalNumber(p);
                if (end > 0)
                {
                    return end;
                }

                if (Follows(p, "0x"))
                {
                    return p + 2 + HexRun(p + 2, int.MaxValue);
                }

                return -1;
            }

            private int DecimalNumber(int p)
            {
                if (PythonCharacters.IsWordCharBefore(text, p))
                {
                    return -1;
                }

                int q = text[p] == '-' ? p + 1 : p;
                int digits = DigitRun(q, int.MaxValue);
                if (digits == 0)
                {
                    return -1;
                }

                int r = q + digits;
                int exponent;
                if (r < text.Length && text[r] == '.')
                {
                    int fraction = DigitRun(r + 1, int.MaxValue);
                    int afterFraction = r + 1 + fraction;
                    if ((exponent = Exponent(afterFraction)) > 0)
                    {
                        return exponent;
                    }

                    if (IsBoundary(afterFraction))
                    {
                        return afterFraction;
                    }

                    return fraction > 0 ? r + 1 : r;
                }

                if ((exponent = Exponent(r)) > 0)
                {
                    return exponent;
                }

                return IsBoundary(r) ? r : -1;
            }

            // e[-+]?\d+? followed by \b: only the whole digit run can reach a boundary.
            private int Exponent(int at)
            {
                if (at >= text.Length || text[at] != 'e')
                {
                    return -1;
                }

                int q = at + 1;
                if (q < text.Length && (text[q] == '+' || text[q] == '-'))
                {
                    q++;
                }

                int end = UnicodeDigitsEnd(q);
                return end > q && IsBoundary(end) ? end : -1;
            }

            // (?P<path>\B(/[-\w._+]+)*\/)(?P<filename>[-\w._+]*)? : the longest chain of "/name" that still ends
            // with a '/', then the file name after it.
            private int Path(int p)
            {
                if (PythonCharacters.IsWordCharBefore(text, p))
                {
                    return -1;
                }

                int slash = p;
                while (true)
                {
                    int name = PathNameEnd(slash + 1);
                    if (name > slash + 1 && name < text.Length && text[name] == '/')
                    {
                        slash = name;
                        continue;
                    }

                    break;
                }

                int pathEnd = slash + 1;
                int fileEnd = PathNameEnd(pathEnd);
                spans.Add(p, pathEnd, "repr.path");
                if (fileEnd > pathEnd)
                {
                    spans.Add(pathEnd, fileEnd, "repr.filename");
                }

                return fileEnd;
            }

            private int PathNameEnd(int start)
            {
                int end = start;
                while (end < text.Length)
                {
                    char c = text[end];
                    if (c == '-' || c == '.' || c == '_' || c == '+' || PythonCharacters.IsWordChar(text, end))
                    {
                        end += PythonCharacters.CharLength(text, end);
                    }
                    else
                    {
                        break;
                    }
                }

                return end;
            }

            // (?<![\\\w])(?P<str>b?'''.*?(?<!\\)'''|b?'.*?(?<!\\)'|b?""".*?(?<!\\)"""|b?".*?(?<!\\)")
            private int QuotedString(int p)
            {
                if (p > 0 && (text[p - 1] == '\\' || PythonCharacters.IsWordCharBefore(text, p)))
                {
                    return -1;
                }

                int open = text[p] == 'b' ? p + 1 : p;
                if (open >= text.Length || (text[open] != '\'' && text[open] != '"'))
                {
                    return -1;
                }

                char quote = text[open];
                int kind = quote == '\'' ? 0 : 2;
                if (Follows(open, quote == '\'' ? "'''" : "\"\"\""))
                {
                    int end = StringEnd(open + 3, quote, triple: true, kind + 1);
                    if (end > 0)
                    {
                        return end;
                    }
                }

                return StringEnd(open + 1, quote, triple: false, kind);
            }

            // The end of the shortest string body from 'start' on this line whose closing quote(s) are not
            // preceded by a backslash. A failure is remembered: a later opener on the same line cannot succeed.
            private int StringEnd(int start, char quote, bool triple, int kind)
            {
                if (start - 1 >= noCloseFrom[kind] && start - 1 < noCloseLineEnd[kind])
                {
                    return -1;
                }

                int closeLength = triple ? 3 : 1;
                for (int i = start; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c == '\n')
                    {
                        Remember(kind, start - 1, i);
                        return -1;
                    }

                    if (c == quote && text[i - 1] != '\\' && (!triple || Follows(i, quote == '\'' ? "'''" : "\"\"\"")))
                    {
                        return i + closeLength;
                    }
                }

                Remember(kind, start - 1, text.Length);
                return -1;
            }

            private void Remember(int kind, int from, int lineEnd)
            {
                noCloseFrom[kind] = from;
                noCloseLineEnd[kind] = lineEnd;
            }

            // (file|https|http|ws|wss)://[-0-9a-zA-Z$_+!`(),.?/;:&=%#]*
            private int Url(int p)
            {
                int q;
                if (Follows(p, "file://"))
                {
                    q = p + 7;
                }
                else if (Follows(p, "https://"))
                {
                    q = p + 8;
                }
                else if (Follows(p, "http://"))
                {
                    q = p + 7;
                }
                else if (Follows(p, "ws://"))
                {
                    q = p + 5;
                }
                else if (Follows(p, "wss://"))
                {
                    q = p + 6;
                }
                else
                {
                    return -1;
                }

                while (q < text.Length && IsUrlChar(text[q]))
                {
                    q++;
                }

                return q;
            }

            // Python's \b: the characters on either side differ in being \w (the string's ends count as non-word).
            private bool IsBoundary(int at)
            {
                bool before = PythonCharacters.IsWordCharBefore(text, at);
                bool after = at < text.Length && PythonCharacters.IsWordChar(text, at);
                return before != after;
            }

            private int UnicodeDigitsEnd(int start)
            {
                int end = start;
                while (end < text.Length && PythonCharacters.IsDecimalDigit(text, end))
                {
                    end += PythonCharacters.CharLength(text, end);
                }

                return end;
            }

            // A flag rather than a delegate: a call through a delegate per character was a tenth of the whole
            // host layout.
            private int HexRun(int start, int max) => CharRun(start, max, hexLetters: true);

            private int DigitRun(int start, int max) => CharRun(start, max, hexLetters: false);

            private int CharRun(int start, int max, bool hexLetters)
            {
                int count = 0;
                int limit = Math.Min(text.Length - start, max);
                while (count < limit && (hexLetters ? IsHex(text[start + count]) : IsAsciiDigit(text[start + count])))
                {
                    count++;
                }

                return count;
            }

            private bool Follows(int at, string literal)
            {
                return at + literal.Length <= text.Length && string.CompareOrdinal(text, at, literal, 0, literal.Length) == 0;
            }

            private bool IsCallChar(int index)
            {
                return text[index] == '.' || PythonCharacters.IsWordChar(text, index);
            }

            private static bool IsHex(char c)
            {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            }

            private static bool IsAsciiDigit(char c)
            {
                return c >= '0' && c <= '9';
            }

            private static bool IsUrlChar(char c)
            {
                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                {
                    return true;
                }

                return "-$_+!`(),.?/;:&=%#".IndexOf(c) >= 0;
            }
        }
    }
}
