using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Markup that Rich rejects: a closing tag with nothing to close or no matching open tag, or the bad
    /// parameters of a meta tag. The message is Rich's <c>MarkupError</c> text, word for word.
    /// </summary>
    public sealed class MarkupException : Exception
    {
        public MarkupException(string message, int position)
            : base(message)
        {
            Position = position;
        }

        /// <summary>The offending tag's position in the markup, in code points; -1 for meta-tag parameter errors.</summary>
        public int Position { get; }
    }
}
