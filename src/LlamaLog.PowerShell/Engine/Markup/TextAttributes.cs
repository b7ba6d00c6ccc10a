using System;

namespace LlamaLog.Engine.Markup
{
    /// <summary>The style attributes, in the order their SGR codes are written.</summary>
    [Flags]
    public enum TextAttributes
    {
        None = 0,
        Bold = 1 << 0,
        Dim = 1 << 1,
        Italic = 1 << 2,
        Underline = 1 << 3,
        Blink = 1 << 4,
        Blink2 = 1 << 5,
        Reverse = 1 << 6,
        Conceal = 1 << 7,
        Strike = 1 << 8,
        Underline2 = 1 << 9,
        Frame = 1 << 10,
        Encircle = 1 << 11,
        Overline = 1 << 12,
    }
}
