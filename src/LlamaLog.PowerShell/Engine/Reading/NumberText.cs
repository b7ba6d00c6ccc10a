using System.Globalization;
using System.Numerics;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// The pieces of number reading that JSON's grammar and Python's literals share: runs of digits, an exponent, and
    /// an integer's value as the smallest type that holds it.
    /// </summary>
    internal static class NumberText
    {
        /// <summary>The index after the ASCII digits that start at <paramref name="i"/>.</summary>
        public static int SkipDigits(string text, int i, int end)
        {
            while (i < end && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }

            return i;
        }

        /// <summary>
        /// The index after an exponent (<c>e</c> or <c>E</c>, an optional sign, digits) at <paramref name="i"/>;
        /// <paramref name="i"/> itself when there is none; -1 when the exponent has no digits (not a number).
        /// </summary>
        public static int SkipExponent(string text, int i, int end)
        {
            if (i >= end || (text[i] != 'e' && text[i] != 'E'))
            {
                return i;
            }

            int k = i + 1;
            if (k < end && (text[k] == '+' || text[k] == '-'))
            {
                k++;
            }

            int digits = k;
            k = SkipDigits(text, k, end);
            return k == digits ? -1 : k;
        }

        /// <summary>An integer's text (an optional sign, then digits) as int, long or BigInteger, the smallest that holds it.</summary>
        public static object Integer(string text)
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int small))
            {
                return small;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long large))
            {
                return large;
            }

            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
    }
}
