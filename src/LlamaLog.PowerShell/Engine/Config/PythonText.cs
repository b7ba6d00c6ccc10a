using System;
using System.Collections.Generic;
using System.Text;

namespace LlamaLog.Engine.Config
{
    /// <summary>
    /// Python 3.11's <c>str.strip()</c>, <c>str.lower()</c> and <c>str.upper()</c>, which the seed applies to
    /// <c>LLAMA_STACK_LOGGING</c> names and levels, so that ours accept and report exactly what it does.
    /// </summary>
    /// <remarks>
    /// .NET's casing is not used: it maps one code point to one (no ß → SS), and its data comes from the
    /// runtime (NLS on Windows PowerShell 5.1, the machine's ICU on PowerShell 7, a built-in table in
    /// invariant mode), so no difference table could hold on every host. Python's own mappings, generated
    /// into PythonText.Tables.cs, are used instead; nothing here depends on the current culture.
    /// </remarks>
    public static partial class PythonText
    {
        private const int CapitalSigma = 0x3A3;
        private const int SmallSigma = 0x3C3;
        private const int FinalSigma = 0x3C2;

        /// <summary>Python's <c>str.strip()</c>: removes <see cref="IsWhiteSpace"/> characters from both ends.</summary>
        public static string Strip(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            int start = 0;
            int end = text.Length;
            while (start < end && IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        /// <summary>
        /// Whether Python's <c>str.isspace()</c> holds: bidirectional class WS, B or S, or category Zs. Unlike
        /// <see cref="char.IsWhiteSpace(char)"/>, this includes U+001C to U+001F. All are in the BMP.
        /// </summary>
        public static bool IsWhiteSpace(char c)
        {
            if (c <= ' ')
            {
                return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
            }

            switch (c)
            {
                case '\u0085':
                case '\u00A0':
                case '\u1680':
                case '\u2028':
                case '\u2029':
                case '\u202F':
                case '\u205F':
                case '\u3000':
                    return true;
                default:
                    return c >= '\u2000' && c <= '\u200A';
            }
        }

        /// <summary>Python's <c>str.upper()</c>: full case mapping, so one character may become several.</summary>
        public static string Upper(string text)
        {
            return Map(text, upper: true);
        }

        /// <summary>
        /// Python's <c>str.lower()</c>: full case mapping (İ becomes i̇), and a capital sigma that ends a word
        /// becomes ς, as Python decides it.
        /// </summary>
        public static string Lower(string text)
        {
            return Map(text, upper: false);
        }

        private static string Map(string text, bool upper)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            // Built only once something changes, so unchanged text is returned without copying.
            StringBuilder result = null;
            int index = 0;
            while (index < text.Length)
            {
                int codePoint = ReadForward(text, index, out int width);
                string longer = null;
                int mapped;
                if (codePoint < 0x80)
                {
                    mapped = upper
                        ? (codePoint >= 'a' && codePoint <= 'z' ? codePoint - 32 : codePoint)
                        : (codePoint >= 'A' && codePoint <= 'Z' ? codePoint + 32 : codePoint);
                }
                else if (!upper && codePoint == CapitalSigma)
                {
                    mapped = IsFinalSigma(text, index, width) ? FinalSigma : SmallSigma;
                }
                else if ((upper ? Lookup.UpperLonger : Lookup.LowerLonger).TryGetValue(codePoint, out longer))
                {
                    mapped = -1;
                }
                else if ((upper ? Lookup.UpperSimple : Lookup.LowerSimple).TryGetValue(codePoint, out int delta))
                {
                    mapped = codePoint + delta;
                }
                else
                {
                    mapped = codePoint;
                }

                if (result == null && mapped != codePoint)
                {
                    result = new StringBuilder(text.Length + 8);
                    result.Append(text, 0, index);
                }

                if (result != null)
                {
                    if (longer != null)
                    {
                        result.Append(longer);
                    }
                    else if (mapped == codePoint)
                    {
                        // Copied as is, which also keeps a lone surrogate unchanged, as Python does.
                        result.Append(text, index, width);
                    }
                    else
                    {
                        AppendCodePoint(result, mapped);
                    }
                }

                index += width;
            }

            return result == null ? text : result.ToString();
        }

        // CPython's handle_capital_sigma: final when, skipping case-ignorable code points, a cased one comes
        // before and none comes after.
        private static bool IsFinalSigma(string text, int index, int width)
        {
            int before = index;
            int codePoint = -1;
            while (before > 0)
            {
                codePoint = ReadBackward(text, before, out int back);
                before -= back;
                if (!IsCaseIgnorable(codePoint))
                {
                    break;
                }

                codePoint = -1;
            }

            if (codePoint < 0 || !IsCased(codePoint))
            {
                return false;
            }

            int after = index + width;
            while (after < text.Length)
            {
                codePoint = ReadForward(text, after, out int forward);
                after += forward;
                if (!IsCaseIgnorable(codePoint))
                {
                    return !IsCased(codePoint);
                }
            }

            return true;
        }

        private static bool IsCased(int codePoint)
        {
            return InRanges(CasedRanges, codePoint);
        }

        private static bool IsCaseIgnorable(int codePoint)
        {
            return InRanges(CaseIgnorableRanges, codePoint);
        }

        private static bool InRanges(int[] ranges, int codePoint)
        {
            int low = 0;
            int high = (ranges.Length / 2) - 1;
            while (low <= high)
            {
                int middle = (low + high) / 2;
                if (codePoint < ranges[middle * 2])
                {
                    high = middle - 1;
                }
                else if (codePoint > ranges[(middle * 2) + 1])
                {
                    low = middle + 1;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }

        // A valid surrogate pair is one code point; a lone surrogate stands for itself, as in a Python str.
        private static int ReadForward(string text, int index, out int width)
        {
            char c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                width = 2;
                return char.ConvertToUtf32(c, text[index + 1]);
            }

            width = 1;
            return c;
        }

        private static int ReadBackward(string text, int end, out int width)
        {
            char c = text[end - 1];
            if (char.IsLowSurrogate(c) && end >= 2 && char.IsHighSurrogate(text[end - 2]))
            {
                width = 2;
                return char.ConvertToUtf32(text[end - 2], c);
            }

            width = 1;
            return c;
        }

        private static void AppendCodePoint(StringBuilder builder, int codePoint)
        {
            if (codePoint < 0x10000)
            {
                builder.Append((char)codePoint);
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        // A nested class, because the order of static initialisers across the parts of a partial class is
        // unspecified: these must not run before the generated arrays are set.
        private static class Lookup
        {
            internal static readonly Dictionary<int, int> UpperSimple = Expand(UpperRuns);
            internal static readonly Dictionary<int, int> LowerSimple = Expand(LowerRuns);
            internal static readonly Dictionary<int, string> UpperLonger = Index(UpperSpecial);
            internal static readonly Dictionary<int, string> LowerLonger = Index(LowerSpecial);
        }

        private static Dictionary<int, int> Expand(int[] runs)
        {
            var deltas = new Dictionary<int, int>();
            for (int i = 0; i < runs.Length; i += 4)
            {
                for (int codePoint = runs[i]; codePoint <= runs[i + 1]; codePoint += runs[i + 2])
                {
                    deltas.Add(codePoint, runs[i + 3]);
                }
            }

            return deltas;
        }

        private static Dictionary<int, string> Index(string[] entries)
        {
            var results = new Dictionary<int, string>();
            foreach (string entry in entries)
            {
                results.Add(entry[0], entry.Substring(1));
            }

            return results;
        }
    }
}
