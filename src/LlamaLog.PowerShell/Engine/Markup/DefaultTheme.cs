using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Rich's default theme (<c>logging.level.info</c>, <c>repr.number</c>, <c>code</c>, ...) and the way a console
    /// resolves the style string of a span: an exact theme name, else a style definition, else the null style.
    /// </summary>
    public static class DefaultTheme
    {
        private static readonly Dictionary<string, TextStyle> Styles = Build();
        private static readonly BoundedCache<object> Resolved = new BoundedCache<object>(4096);

        /// <summary>The theme names, in Rich's order.</summary>
        public static IEnumerable<string> Names
        {
            get
            {
                for (int i = 0; i < DefaultThemeTable.Entries.GetLength(0); i++)
                {
                    yield return DefaultThemeTable.Entries[i, 0];
                }
            }
        }

        /// <summary>Looks up a theme name exactly (case-sensitive), as Rich's theme stack does.</summary>
        public static bool TryGetStyle(string name, out TextStyle style)
        {
            if (name == null)
            {
                style = null;
                return false;
            }

            return Styles.TryGetValue(name, out style);
        }

        /// <summary>
        /// What a span's style string renders as (Rich's <c>Console.get_style(name, default=null)</c>): a theme name,
        /// else a parsed definition; a definition that does not parse gives <see cref="TextStyle.Null"/>, silently.
        /// </summary>
        /// <exception cref="InvalidColorException">The definition has an <c>rgb(...)</c> colour with an empty component.</exception>
        public static TextStyle Resolve(string style)
        {
            if (style == null)
            {
                return TextStyle.Null;
            }

            if (Styles.TryGetValue(style, out TextStyle themed))
            {
                return themed;
            }

            if (Resolved.TryGet(style, out object known))
            {
                if (known is InvalidColorException invalid)
                {
                    throw new InvalidColorException(invalid.Color, invalid.RichMessage);
                }

                return (TextStyle)known;
            }

            TextStyle parsed;
            try
            {
                parsed = TextStyle.TryParse(style, out _) ?? TextStyle.Null;
            }
            catch (InvalidColorException invalid)
            {
                // Remembered too, so a message repeated in a loop does not re-parse before failing again.
                Resolved.Add(style, invalid);
                throw;
            }

            Resolved.Add(style, parsed);
            return parsed;
        }

        private static Dictionary<string, TextStyle> Build()
        {
            var styles = new Dictionary<string, TextStyle>(StringComparer.Ordinal);
            for (int i = 0; i < DefaultThemeTable.Entries.GetLength(0); i++)
            {
                styles[DefaultThemeTable.Entries[i, 0]] = TextStyle.Parse(DefaultThemeTable.Entries[i, 1]);
            }

            return styles;
        }
    }
}
