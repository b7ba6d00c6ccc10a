namespace LlamaLog
{
    /// <summary>When the log file is rolled by time: never, at the start of each local hour, or of each local day.</summary>
    public enum RollInterval
    {
        None,
        Hour,
        Day,
    }
}
