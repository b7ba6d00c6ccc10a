using System;
using System.Collections.Generic;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Plain text with styled spans: what Rich's <c>Text</c> holds after markup is parsed (and, for log lines,
    /// highlighted). Span offsets are public in code points, as Python counts them.
    /// </summary>
    public sealed class StyledText
    {
        internal StyledText(string plain, SpanList spans)
        {
            Plain = plain;
            SpanList = spans;
        }

        /// <summary>The text without markup.</summary>
        public string Plain { get; }

        /// <summary>The spans in list order (a later span overrides an earlier one), with code-point offsets.</summary>
        public IReadOnlyList<MarkupSpan> Spans
        {
            get
            {
                int[] codePoints = CodePointOffsets(Plain);
                var result = new MarkupSpan[SpanList.Count];
                for (int i = 0; i < result.Length; i++)
                {
                    int start = SpanList.Starts[i];
                    int end = SpanList.Ends[i];
                    result[i] = codePoints == null
                        ? new MarkupSpan(start, end, SpanList.Styles[i])
                        : new MarkupSpan(codePoints[start], codePoints[end], SpanList.Styles[i]);
                }

                return result;
            }
        }

        internal SpanList SpanList { get; }

        /// <summary>Rich's <c>Text(text)</c>: no markup and no emoji codes; the control characters Rich strips are removed.</summary>
        public static StyledText FromPlainText(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return new StyledText(ControlCharacters.Strip(text), new SpanList());
        }

        public override string ToString()
        {
            return Plain;
        }

        /// <summary>The code-point offset of every UTF-16 offset, or null when the text has no surrogate pair.</summary>
        private static int[] CodePointOffsets(string text)
        {
            int[] offsets = null;
            int codePoint = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (offsets == null)
                    {
                        offsets = new int[text.Length + 1];
                        for (int j = 0; j <= i; j++)
                        {
                            offsets[j] = j;
                        }
                    }

                    offsets[i] = codePoint;
                    offsets[i + 1] = codePoint + 1;
                    codePoint++;
                    i++;
                    continue;
                }

                if (offsets != null)
                {
                    offsets[i] = codePoint;
                }

                codePoint++;
            }

            if (offsets != null)
            {
                offsets[text.Length] = codePoint;
            }

            return offsets;
        }
    }
}
