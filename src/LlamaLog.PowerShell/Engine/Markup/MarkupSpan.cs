namespace LlamaLog.Engine.Markup
{
    /// <summary>A styled range of a <see cref="StyledText"/>: code-point offsets and the style string, as Rich's <c>Span</c>.</summary>
    public readonly struct MarkupSpan
    {
        public MarkupSpan(int start, int end, string style)
        {
            Start = start;
            End = end;
            Style = style;
        }

        public int Start { get; }

        public int End { get; }

        /// <summary>A theme name or style definition, resolved only when rendered.</summary>
        public string Style { get; }

        public override string ToString()
        {
            return "[" + Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", "
                + End.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", '" + Style + "']";
        }
    }
}
