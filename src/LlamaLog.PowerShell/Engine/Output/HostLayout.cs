using System.Text;

namespace LlamaLog.Engine.Output
{
    /// <summary>Interim: the markup engine's handler layout replaces this.</summary>
    public static class HostLayout
    {
        public static string Render(LogRecord record, string line, int width, ColorSystem colors)
        {
            string level = Levels.LevelNames.ToPythonName(record.Level).PadRight(8);
            return new StringBuilder(level).Append(' ').Append(line).Append('\n').ToString();
        }
    }
}
