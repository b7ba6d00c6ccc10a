namespace LlamaLog.Engine.Output
{
    /// <summary>Interim: the markup engine replaces this.</summary>
    public static class MarkupText
    {
        public static string PlainOrLiteral(string message) => message;
    }
}
