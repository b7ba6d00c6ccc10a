using System;
using System.Collections.Generic;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// A parsed style (Rich's <c>Style</c>): attributes set on or off, foreground and background colours, a link.
    /// Immutable and shared; parsed definitions are cached.
    /// </summary>
    public sealed class TextStyle
    {
        /// <summary>The style with nothing set; it renders as bare text.</summary>
        public static readonly TextStyle Null = new TextStyle(TextAttributes.None, TextAttributes.None, null, null, null);

        private static readonly BoundedCache<TextStyle> ParseCache = new BoundedCache<TextStyle>(4096);
        private static readonly BoundedCache<string> NormalizeCache = new BoundedCache<string>(4096);

        private static readonly Dictionary<string, TextAttributes> AttributeWords = new Dictionary<string, TextAttributes>(StringComparer.Ordinal)
        {
            ["bold"] = TextAttributes.Bold,
            ["b"] = TextAttributes.Bold,
            ["dim"] = TextAttributes.Dim,
            ["d"] = TextAttributes.Dim,
            ["italic"] = TextAttributes.Italic,
            ["i"] = TextAttributes.Italic,
            ["underline"] = TextAttributes.Underline,
            ["u"] = TextAttributes.Underline,
            ["blink"] = TextAttributes.Blink,
            ["blink2"] = TextAttributes.Blink2,
            ["reverse"] = TextAttributes.Reverse,
            ["r"] = TextAttributes.Reverse,
            ["conceal"] = TextAttributes.Conceal,
            ["c"] = TextAttributes.Conceal,
            ["strike"] = TextAttributes.Strike,
            ["s"] = TextAttributes.Strike,
            ["underline2"] = TextAttributes.Underline2,
            ["uu"] = TextAttributes.Underline2,
            ["frame"] = TextAttributes.Frame,
            ["encircle"] = TextAttributes.Encircle,
            ["overline"] = TextAttributes.Overline,
            ["o"] = TextAttributes.Overline,
        };

        // Canonical names and SGR codes, in the bit order of TextAttributes.
        private static readonly string[] AttributeNames =
        {
            "bold", "dim", "italic", "underline", "blink", "blink2", "reverse", "conceal", "strike", "underline2", "frame", "encircle", "overline",
        };

        private static readonly string[] AttributeCodes = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53" };

        private readonly string[] sgr = new string[5];
        private string definition;

        internal TextStyle(TextAttributes on, TextAttributes set, TerminalColor foreground, TerminalColor background, string link)
        {
            OnAttributes = on & set;
            SetAttributes = set;
            Foreground = foreground;
            Background = background;
            Link = link;
        }

        /// <summary>The attributes this style turns on.</summary>
        public TextAttributes Attributes => OnAttributes;

        /// <summary>The attributes this style turns off (<c>not bold</c>): they override an outer style but emit no code.</summary>
        public TextAttributes DisabledAttributes => SetAttributes & ~OnAttributes;

        public TerminalColor Foreground { get; }

        public TerminalColor Background { get; }

        /// <summary>The hyperlink target, or null.</summary>
        public string Link { get; }

        /// <summary>Whether nothing is set.</summary>
        public bool IsNull => SetAttributes == TextAttributes.None && Foreground == null && Background == null && Link == null;

        internal TextAttributes OnAttributes { get; }

        internal TextAttributes SetAttributes { get; }

        /// <summary>Parses a style definition (Rich's <c>Style.parse</c>); throws <see cref="StyleSyntaxException"/> with Rich's message.</summary>
        /// <exception cref="InvalidColorException">A colour is <c>rgb(...)</c> with an empty component.</exception>
        public static TextStyle Parse(string definition)
        {
            if (definition == null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            TextStyle style = TryParse(definition, out string error);
            if (style == null)
            {
                throw new StyleSyntaxException(error);
            }

            return style;
        }

        /// <summary>
        /// Rich's <c>Style.normalize</c>: the canonical form of a definition, or the definition stripped and
        /// lower-cased when it does not parse. Markup matches closing tags with it.
        /// </summary>
        /// <exception cref="InvalidColorException">A colour is <c>rgb(...)</c> with an empty component.</exception>
        public static string Normalize(string definition)
        {
            if (definition == null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            if (NormalizeCache.TryGet(definition, out string normalized))
            {
                return normalized;
            }

            TextStyle style = TryParse(definition, out _);
            normalized = style != null ? style.ToString() : Config.PythonText.Lower(Config.PythonText.Strip(definition));
            NormalizeCache.Add(definition, normalized);
            return normalized;
        }

        /// <summary>Parses a definition, or returns null with the syntax error's message.</summary>
        internal static TextStyle TryParse(string definition, out string error)
        {
            error = null;
            if (ParseCache.TryGet(definition, out TextStyle cached))
            {
                return cached;
            }

            TextStyle style = ParseWords(definition, out error);
            if (style != null)
            {
                ParseCache.Add(definition, style);
            }

            return style;
        }

        /// <summary>This style with <paramref name="later"/> laid over it: what the later style sets wins (Rich's <c>a + b</c>).</summary>
        public TextStyle Combine(TextStyle later)
        {
            if (later == null || later.IsNull)
            {
                return this;
            }

            if (IsNull)
            {
                return later;
            }

            return new TextStyle(
                (OnAttributes & ~later.SetAttributes) | later.OnAttributes,
                SetAttributes | later.SetAttributes,
                later.Foreground ?? Foreground,
                later.Background ?? Background,
                later.Link ?? Link);
        }

        /// <summary>The SGR parameters for a colour system, for example <c>1;38;5;208</c>; empty when nothing shows.</summary>
        public string GetSgr(ColorSystem system)
        {
            if (system == ColorSystem.None)
            {
                return string.Empty;
            }

            string cached = sgr[(int)system];
            if (cached == null)
            {
                var codes = new StringBuilder();
                AppendSgr(codes, OnAttributes, Foreground, Background, system);
                cached = codes.ToString();
                sgr[(int)system] = cached;
            }

            return cached;
        }

        /// <summary>The canonical definition (Rich's <c>str(style)</c>), for example <c>bold not italic red on #123456</c>.</summary>
        public override string ToString()
        {
            string text = definition;
            if (text == null)
            {
                var words = new StringBuilder();
                for (int bit = 0; bit < AttributeNames.Length; bit++)
                {
                    var attribute = (TextAttributes)(1 << bit);
                    if ((SetAttributes & attribute) != 0)
                    {
                        AppendWord(words, (OnAttributes & attribute) != 0 ? AttributeNames[bit] : "not " + AttributeNames[bit]);
                    }
                }

                if (Foreground != null)
                {
                    AppendWord(words, Foreground.Name);
                }

                if (Background != null)
                {
                    AppendWord(words, "on " + Background.Name);
                }

                if (Link != null)
                {
                    AppendWord(words, "link " + Link);
                }

                text = words.Length == 0 ? "none" : words.ToString();
                definition = text;
            }

            return text;
        }

        /// <summary>Writes SGR parameters: attribute codes in bit order, then foreground, then background.</summary>
        internal static void AppendSgr(StringBuilder output, TextAttributes on, TerminalColor foreground, TerminalColor background, ColorSystem system)
        {
            int start = output.Length;
            if (on != TextAttributes.None)
            {
                for (int bit = 0; bit < AttributeCodes.Length; bit++)
                {
                    if (((int)on & (1 << bit)) != 0)
                    {
                        if (output.Length > start)
                        {
                            output.Append(';');
                        }

                        output.Append(AttributeCodes[bit]);
                    }
                }
            }

            if (foreground != null)
            {
                if (output.Length > start)
                {
                    output.Append(';');
                }

                output.Append(foreground.GetSgr(true, system));
            }

            if (background != null)
            {
                if (output.Length > start)
                {
                    output.Append(';');
                }

                output.Append(background.GetSgr(false, system));
            }
        }

        private static TextStyle ParseWords(string definition, out string error)
        {
            error = null;
            if (definition.Length == 0 || Config.PythonText.Strip(definition) == "none")
            {
                return Null;
            }

            List<string> words = SplitWords(definition);
            TextAttributes on = TextAttributes.None;
            TextAttributes set = TextAttributes.None;
            TerminalColor foreground = null;
            TerminalColor background = null;
            string link = null;
            for (int i = 0; i < words.Count; i++)
            {
                string word = Config.PythonText.Lower(words[i]);
                if (word == "on")
                {
                    string next = ++i < words.Count ? words[i] : string.Empty;
                    if (next.Length == 0)
                    {
                        error = "color expected after 'on'";
                        return null;
                    }

                    background = TerminalColor.TryParse(next, out string colorError);
                    if (background == null)
                    {
                        error = "unable to parse " + PythonCharacters.Repr(next) + " as background color; " + colorError;
                        return null;
                    }
                }
                else if (word == "not")
                {
                    string next = ++i < words.Count ? words[i] : string.Empty;
                    if (!AttributeWords.TryGetValue(next, out TextAttributes attribute))
                    {
                        error = "expected style attribute after 'not', found " + PythonCharacters.Repr(next);
                        return null;
                    }

                    set |= attribute;
                    on &= ~attribute;
                }
                else if (word == "link")
                {
                    string next = ++i < words.Count ? words[i] : string.Empty;
                    if (next.Length == 0)
                    {
                        error = "URL expected after 'link'";
                        return null;
                    }

                    link = next;
                }
                else if (AttributeWords.TryGetValue(word, out TextAttributes attribute))
                {
                    set |= attribute;
                    on |= attribute;
                }
                else
                {
                    foreground = TerminalColor.TryParse(word, out string colorError);
                    if (foreground == null)
                    {
                        error = "unable to parse " + PythonCharacters.Repr(word) + " as color; " + colorError;
                        return null;
                    }
                }
            }

            return new TextStyle(on, set, foreground, background, link);
        }

        /// <summary>Python's <c>str.split()</c>: runs of whitespace separate words, and there are no empty words.</summary>
        private static List<string> SplitWords(string text)
        {
            var words = new List<string>();
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && Config.PythonText.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                int start = i;
                while (i < text.Length && !Config.PythonText.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i > start)
                {
                    words.Add(text.Substring(start, i - start));
                }
            }

            return words;
        }

        private static void AppendWord(StringBuilder words, string word)
        {
            if (words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(word);
        }
    }
}
