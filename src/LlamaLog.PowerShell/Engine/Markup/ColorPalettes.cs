namespace LlamaLog.Engine.Markup
{
    /// <summary>The RGB palettes Rich downgrades colours with, and its nearest-colour match.</summary>
    internal static class ColorPalettes
    {
        /// <summary>Rich's STANDARD palette (the "standard" colour system matches against these 16).</summary>
        public static readonly int[] Standard =
        {
            0x000000, 0xAA0000, 0x00AA00, 0xAA5500, 0x0000AA, 0xAA00AA, 0x00AAAA, 0xAAAAAA,
            0x555555, 0xFF5555, 0x55FF55, 0xFFFF55, 0x5555FF, 0xFF55FF, 0x55FFFF, 0xFFFFFF,
        };

        /// <summary>The Windows console palette.</summary>
        public static readonly int[] Windows =
        {
            0x0C0C0C, 0xC50F1F, 0x13A10E, 0xC19C00, 0x0037DA, 0x881798, 0x3A96DD, 0xCCCCCC,
            0x767676, 0xE74856, 0x16C60C, 0xF9F1A5, 0x3B78FF, 0xB4009E, 0x61D6D6, 0xF2F2F2,
        };

        /// <summary>The xterm 256-colour palette as RGB.</summary>
        public static readonly int[] EightBit = BuildEightBit();

        /// <summary>
        /// The index of the palette entry nearest to an RGB colour, with Rich's weighted distance (integer shifts
        /// and floor division); the first entry wins a tie. Comparing squared distances keeps the same order.
        /// </summary>
        public static int Match(int[] palette, int red, int green, int blue)
        {
            int best = 0;
            long bestDistance = long.MaxValue;
            for (int index = 0; index < palette.Length; index++)
            {
                int rgb = palette[index];
                int red2 = (rgb >> 16) & 0xFF;
                int green2 = (rgb >> 8) & 0xFF;
                int blue2 = rgb & 0xFF;
                // Both channels are non-negative, so integer division is Python's floor division here.
                int redMean = (red + red2) / 2;
                long dr = red - red2;
                long dg = green - green2;
                long db = blue - blue2;
                long distance = (((512 + redMean) * dr * dr) >> 8) + (4 * dg * dg) + (((767 - redMean) * db * db) >> 8);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = index;
                }
            }

            return best;
        }

        private static int[] BuildEightBit()
        {
            int[] standard =
            {
                0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xC0C0C0,
                0x808080, 0xFF0000, 0x00FF00, 0xFFFF00, 0x0000FF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
            };
            int[] levels = { 0, 95, 135, 175, 215, 255 };
            var palette = new int[256];
            standard.CopyTo(palette, 0);
            for (int index = 16; index < 232; index++)
            {
                int cube = index - 16;
                palette[index] = (levels[cube / 36] << 16) | (levels[(cube / 6) % 6] << 8) | levels[cube % 6];
            }

            for (int index = 232; index < 256; index++)
            {
                int grey = 8 + (10 * (index - 232));
                palette[index] = (grey << 16) | (grey << 8) | grey;
            }

            return palette;
        }
    }
}
