using System.Globalization;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// The console width's one rule, for -Width and LLAMA_STACK_LOG_WIDTH (or OGX_LOG_WIDTH) alike: a whole number
    /// (see <see cref="WholeNumber"/>) from <see cref="Minimum"/> to <see cref="Maximum"/> cells.
    /// </summary>
    public static class ConsoleWidth
    {
        /// <summary>The narrowest console the layout supports: the level column, its gap and two cells.</summary>
        public const int Minimum = 11;

        /// <summary>The widest: far beyond any terminal, and a bound on the padding a line can get.</summary>
        public const int Maximum = 100000;

        /// <summary>Converts a width given as any numeric type or as text.</summary>
        public static bool TryConvert(object value, out int width)
        {
            width = 0;
            if (!WholeNumber.TryConvert(value, out long number) || number < Minimum || number > Maximum)
            {
                return false;
            }

            width = (int)number;
            return true;
        }

        /// <summary>The sentence every width error and warning ends with.</summary>
        public static string DescribeAccepted()
        {
            return string.Format(CultureInfo.InvariantCulture, "A width is a whole number of cells from {0} to {1}.", Minimum, Maximum);
        }

        /// <summary>Why a value is refused, quoting it back.</summary>
        public static string DescribeRefused(object value)
        {
            return "'" + WholeNumber.Show(value) + "' is not a console width. " + DescribeAccepted();
        }
    }
}
