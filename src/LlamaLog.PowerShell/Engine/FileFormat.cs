namespace LlamaLog
{
    /// <summary>How the log file stores records: the seed's text line, or one JSON object per line.</summary>
    public enum FileFormat
    {
        Text,
        Json,
    }
}
