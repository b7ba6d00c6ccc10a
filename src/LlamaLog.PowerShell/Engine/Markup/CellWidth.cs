namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Terminal cells per character, exactly as Rich counts them (its <c>_cell_widths</c> table): East-Asian wide
    /// characters and most emoji take 2, C0/C1 controls and combining marks 0, everything else 1.
    /// </summary>
    public static class CellWidth
    {
        // The BMP is looked up in a flat table built once; astral code points use the range table.
        private static readonly byte[] Bmp = BuildBmp();

        /// <summary>The cells one code point takes.</summary>
        public static int Of(int codePoint)
        {
            if (codePoint < 0x10000)
            {
                return codePoint < 0 ? 1 : Bmp[codePoint];
            }

            return Search(codePoint);
        }

        /// <summary>The cells a string takes: Rich's <c>cell_len</c>.</summary>
        public static int Of(string text)
        {
            return text == null ? 0 : Of(text, 0, text.Length);
        }

        /// <summary>The cells of a UTF-16 range of a string; a surrogate pair counts as one code point.</summary>
        internal static int Of(string text, int start, int end)
        {
            int total = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c >= ' ' && c < 0x7F)
                {
                    total++;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
                {
                    total += Search(char.ConvertToUtf32(c, text[i + 1]));
                    i++;
                }
                else
                {
                    total += Bmp[c];
                }
            }

            return total;
        }

        /// <summary>The cells of the code point at a UTF-16 index, and its UTF-16 length.</summary>
        internal static int At(string text, int index, out int length)
        {
            char c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                length = 2;
                return Search(char.ConvertToUtf32(c, text[index + 1]));
            }

            length = 1;
            return Bmp[c];
        }

        private static int Search(int codePoint)
        {
            int[] starts = CellWidthTable.Starts;
            int low = 0;
            int high = starts.Length - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                if (codePoint < starts[middle])
                {
                    high = middle - 1;
                }
                else if (codePoint > CellWidthTable.Ends[middle])
                {
                    low = middle + 1;
                }
                else
                {
                    return CellWidthTable.Widths[middle];
                }
            }

            return 1;
        }

        private static byte[] BuildBmp()
        {
            var table = new byte[0x10000];
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = 1;
            }

            for (int range = 0; range < CellWidthTable.Starts.Length && CellWidthTable.Starts[range] < 0x10000; range++)
            {
                int end = System.Math.Min(CellWidthTable.Ends[range], 0xFFFF);
                for (int code = CellWidthTable.Starts[range]; code <= end; code++)
                {
                    table[code] = CellWidthTable.Widths[range];
                }
            }

            return table;
        }
    }
}
