using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Python's character rules where Rich's behaviour depends on them: the regex classes <c>\w</c> and
    /// <c>\d</c>, code point counting and <c>repr</c>. (<c>str.isspace</c>, <c>str.lower</c> and <c>str.strip</c>
    /// are <see cref="Config.PythonText"/>'s.) .NET's own definitions differ, so the engine never uses them here.
    /// </summary>
    internal static class PythonCharacters
    {
        /// <summary>Python's regex <c>\w</c> for the code point at <paramref name="index"/>: letters, numbers and '_'.</summary>
        public static bool IsWordChar(string text, int index)
        {
            char c = text[index];
            if (c < 0x80)
            {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }

            return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(text, index));
        }

        /// <summary>Python's <c>\w</c> for the code point that ends just before <paramref name="index"/>.</summary>
        public static bool IsWordCharBefore(string text, int index)
        {
            if (index <= 0)
            {
                return false;
            }

            int at = index - 1;
            if (char.IsLowSurrogate(text[at]) && at > 0 && char.IsHighSurrogate(text[at - 1]))
            {
                at--;
            }

            return IsWordChar(text, at);
        }

        /// <summary>Python's regex <c>\d</c>: a Unicode decimal digit.</summary>
        public static bool IsDecimalDigit(string text, int index)
        {
            char c = text[index];
            if (c < 0x80)
            {
                return c >= '0' && c <= '9';
            }

            return CharUnicodeInfo.GetUnicodeCategory(text, index) == UnicodeCategory.DecimalDigitNumber;
        }

        /// <summary>The UTF-16 length of the code point at <paramref name="index"/>.</summary>
        public static int CharLength(string text, int index)
        {
            return char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        /// <summary>Code points in a UTF-16 range: Python's <c>len</c>.</summary>
        public static int CodePointCount(string text, int start, int end)
        {
            int count = end - start;
            for (int i = start; i < end - 1; i++)
            {
                if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
                {
                    count--;
                    i++;
                }
            }

            return count;
        }

        /// <summary>Python's <c>repr</c> of a <c>str</c>, for error messages that quote the user's text.</summary>
        public static string Repr(string text)
        {
            char quote = text.IndexOf('\'') >= 0 && text.IndexOf('"') < 0 ? '"' : '\'';
            var result = new StringBuilder(text.Length + 2);
            result.Append(quote);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == quote || c == '\\')
                {
                    result.Append('\\').Append(c);
                }
                else if (c == '\t')
                {
                    result.Append("\\t");
                }
                else if (c == '\n')
                {
                    result.Append("\\n");
                }
                else if (c == '\r')
                {
                    result.Append("\\r");
                }
                else if (c >= ' ' && c < 0x7F)
                {
                    result.Append(c);
                }
                else
                {
                    int length = CharLength(text, i);
                    int code = length == 2 ? char.ConvertToUtf32(c, text[i + 1]) : c;
                    if (IsPrintable(text, i, code))
                    {
                        result.Append(text, i, length);
                    }
                    else if (code < 0x100)
                    {
                        result.Append("\\x").Append(code.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (code < 0x10000)
                    {
                        result.Append("\\u").Append(code.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append("\\U").Append(code.ToString("x8", CultureInfo.InvariantCulture));
                    }

                    i += length - 1;
                }
            }

            return result.Append(quote).ToString();
        }

        private static bool IsPrintable(string text, int index, int code)
        {
            if (code >= 0xD800 && code <= 0xDFFF)
            {
                return false;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(text, index))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.SpaceSeparator:
                    return false;
                default:
                    return true;
            }
        }

        private static bool IsWordCategory(UnicodeCategory category)
        {
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    return true;
                default:
                    return false;
            }
        }
    }
}
