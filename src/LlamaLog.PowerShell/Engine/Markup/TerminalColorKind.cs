namespace LlamaLog.Engine.Markup
{
    /// <summary>How a <see cref="TerminalColor"/> is encoded: Rich's <c>ColorType</c>.</summary>
    public enum TerminalColorKind
    {
        /// <summary>The terminal's own default colour (SGR 39 / 49).</summary>
        Default = 0,

        /// <summary>One of the 16 standard colours (SGR 30-37, 90-97).</summary>
        Standard = 1,

        /// <summary>A number of the xterm 256-colour palette, 16 to 255.</summary>
        EightBit = 2,

        /// <summary>24-bit RGB.</summary>
        TrueColor = 3,

        /// <summary>A colour of the legacy Windows palette, the result of downgrading to <see cref="ColorSystem.Windows"/>.</summary>
        Windows = 4,
    }
}
