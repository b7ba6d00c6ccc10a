namespace LlamaLog
{
    /// <summary>What the console (host or standard error) shows: Rich's layout, or OGX's JSON lines.</summary>
    public enum ConsoleFormat
    {
        Rich,
        Json,
    }
}
