using System.Text;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>OGX's console with <c>OGX_LOG_FORMAT=json</c>: one JSON object per record, no colours, no wrapping.</summary>
    public sealed class JsonConsoleFormatter : IConsoleFormatter
    {
        public static readonly JsonConsoleFormatter Instance = new JsonConsoleFormatter();

        private JsonConsoleFormatter()
        {
        }

        public void Format(LogRecord record, int width, ColorSystem colors, StringBuilder output)
        {
            JsonRecordFormatter.AppendObject(record, output);
            output.Append('\n');
        }
    }
}
