using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// An <c>rgb(...)</c> colour with an empty component, such as <c>rgb(,,)</c>. Rich does not treat it as a
    /// style error: its <c>int()</c> call raises a <c>ValueError</c> that crashes the caller. The engine raises this
    /// instead, naming the colour; the log layout and the plain-text function catch it and show the literal text.
    /// </summary>
    public sealed class InvalidColorException : Exception
    {
        public InvalidColorException(string color, string richMessage)
            : base("Invalid colour '" + color + "': " + richMessage)
        {
            Color = color;
            RichMessage = richMessage;
        }

        /// <summary>The colour as written in the style, for example <c>rgb(,,)</c>.</summary>
        public string Color { get; }

        /// <summary>The text of the <c>ValueError</c> Rich raises, for example <c>invalid literal for int() with base 10: ''</c>.</summary>
        public string RichMessage { get; }
    }
}
