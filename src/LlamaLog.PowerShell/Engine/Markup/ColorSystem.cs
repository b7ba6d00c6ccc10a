namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The colours a console can show, as Rich names them. <see cref="None"/> writes no escape sequence at all
    /// (not a terminal); the others only change how colours are downgraded.
    /// </summary>
    public enum ColorSystem
    {
        None = 0,
        Standard = 1,
        EightBit = 2,
        TrueColor = 3,

        /// <summary>The legacy Windows console palette (16 colours, matched against its own RGB values).</summary>
        Windows = 4,
    }
}
