using System.Text;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Turns a record into the text a file (or any line-oriented output) stores. Implementations are stateless
    /// and safe from any thread.
    /// </summary>
    public interface IRecordFormatter
    {
        /// <summary>Appends the record: whole lines, the last one ended by <see cref="System.Environment.NewLine"/>.</summary>
        void Format(LogRecord record, StringBuilder output);
    }
}
