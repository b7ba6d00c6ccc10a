using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich console markup (<c>[bold red]...[/]</c>): parsing into a <see cref="StyledText"/> as
    /// <c>Text.from_markup</c> does, escaping, and the plain text a log file receives.
    /// </summary>
    public static class RichMarkup
    {
        [ThreadStatic]
        private static SpanList scratchSpans;

        /// <summary>Rich's <c>Text.from_markup(markup)</c>, emoji codes included.</summary>
        /// <exception cref="MarkupException">A closing tag closes nothing, or a meta tag's parameters are invalid.</exception>
        /// <exception cref="InvalidColorException">A tag's style holds an <c>rgb(...)</c> with an empty component.</exception>
        public static StyledText Parse(string markup)
        {
            return Parse(markup, emoji: true);
        }

        /// <summary>Rich's <c>Text.from_markup(markup, emoji=...)</c>.</summary>
        /// <exception cref="MarkupException">A closing tag closes nothing, or a meta tag's parameters are invalid.</exception>
        /// <exception cref="InvalidColorException">A tag's style holds an <c>rgb(...)</c> with an empty component.</exception>
        public static StyledText Parse(string markup, bool emoji)
        {
            if (markup == null)
            {
                throw new ArgumentNullException(nameof(markup));
            }

            var spans = new SpanList();
            string plain = MarkupParser.Parse(markup, emoji, spans);
            return new StyledText(plain, spans);
        }

        /// <summary>Rich's <c>rich.markup.escape</c>: makes text print literally when embedded in markup.</summary>
        public static string Escape(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return MarkupParser.Escape(text);
        }

        /// <summary>
        /// The text a log file receives: the markup's plain text (<c>Text.from_markup(markup).plain</c>), or the
        /// message unchanged when its markup is invalid or a style holds an invalid colour, which is what the
        /// console shows in that case too. Never throws.
        /// </summary>
        public static string ToPlainText(string markup)
        {
            if (markup == null)
            {
                return string.Empty;
            }

            SpanList spans = scratchSpans ?? (scratchSpans = new SpanList());
            spans.Clear();
            try
            {
                string plain = MarkupParser.Parse(markup, emoji: true, spans);

                // Only rgb(...) can make a style fail; the console resolves every span, so check the same ones.
                for (int i = 0; i < spans.Count; i++)
                {
                    if (spans.Styles[i].IndexOf("rgb(", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        DefaultTheme.Resolve(spans.Styles[i]);
                    }
                }

                return plain;
            }
            catch (MarkupException)
            {
                return markup;
            }
            catch (InvalidColorException)
            {
                return markup;
            }
            finally
            {
                spans.Clear();
                if (spans.Starts.Length > 4096)
                {
                    scratchSpans = null;
                }
            }
        }
    }
}
