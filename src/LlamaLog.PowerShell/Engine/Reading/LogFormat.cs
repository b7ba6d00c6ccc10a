namespace LlamaLog
{
    /// <summary>
    /// The formats LlamaLog reads back. <see cref="Auto"/> is only a choice for the reader (decided per record);
    /// an entry's format is one of the others, <see cref="Unknown"/> for a line that starts no record.
    /// </summary>
    public enum LogFormat
    {
        /// <summary>Decide per record: a server upgraded mid-file writes two formats into one file.</summary>
        Auto = 0,

        /// <summary>The seed's file line <c>asctime name:lineno category: message</c> (LlamaLog, Llama Stack up to 2026-03).</summary>
        Text = 1,

        /// <summary>One JSON object per line: LlamaLog's and OGX's JSON lines.</summary>
        Json = 2,

        /// <summary>OGX's text line since 2026-03, structlog's ConsoleRenderer: <c>timestamp [level] event key=value</c>.</summary>
        Structlog = 3,

        /// <summary>A captured Rich console: the level column, then the line as RichHandler lays it out.</summary>
        Console = 4,

        /// <summary>A line that starts no record: before the first record, or in a file whose format is not recognised.</summary>
        Unknown = 5,
    }
}
