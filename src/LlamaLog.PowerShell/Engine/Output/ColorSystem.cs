namespace LlamaLog.Engine.Output
{
    /// <summary>Which escape codes a console takes (interim, replaced by the markup engine's).</summary>
    public enum ColorSystem
    {
        None,
        Standard,
        EightBit,
        TrueColor,
    }
}
