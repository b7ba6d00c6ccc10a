using System.Text;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Turns a record into what a console shows: a layout for a width and a colour system (which depend on the
    /// console that receives it, so they are given per call). Implementations are stateless and safe from any thread.
    /// </summary>
    public interface IConsoleFormatter
    {
        /// <summary>Appends the console text of the record, each line ending in "\n".</summary>
        void Format(LogRecord record, int width, ColorSystem colors, StringBuilder output);
    }
}
