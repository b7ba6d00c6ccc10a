namespace LlamaLog
{
    /// <summary>Where host output goes: PowerShell's information stream, standard error, or nowhere.</summary>
    public enum ConsoleTarget
    {
        Host,
        Stderr,
        None,
    }
}
