using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// A style definition or colour that does not parse: Rich's <c>StyleSyntaxError</c> (or <c>ColorParseError</c>),
    /// with Rich's exact message. Markup never lets it out: a tag with such a style is kept and renders unstyled.
    /// </summary>
    public sealed class StyleSyntaxException : Exception
    {
        public StyleSyntaxException(string message)
            : base(message)
        {
        }
    }
}
