namespace LlamaLog
{
    /// <summary>The severity of a record, with Python's logging numbers.</summary>
    public enum LogLevel
    {
        NotSet = 0,
        Debug = 10,
        Info = 20,
        Warning = 30,
        Error = 40,
        Critical = 50,
    }
}
